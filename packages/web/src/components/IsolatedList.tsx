import { Fragment } from 'react';
import { useTranslation } from '../i18n';

/**
 * Values in a row, separated as the language does ("، " in Urdu), each in its own <bdi>: a Latin name
 * beside Urdu words then keeps its own order and is cut at its own end ("Khyber Pakhtunkhwa، پاکستان",
 * not "Khyber / پاکستان، Pakhtunkhwa").
 */
export function IsolatedList({ items }: { items: Array<string | null | undefined | false> }) {
  const { t } = useTranslation();
  const shown = items.filter((item): item is string => typeof item === 'string' && item !== '');
  return (
    <>
      {shown.map((item, index) => (
        <Fragment key={index}>
          {index > 0 ? t('common.listSeparator') : null}
          <bdi>{item}</bdi>
        </Fragment>
      ))}
    </>
  );
}
