import { Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { AppModal } from '../../components/AppModal';
import { useTranslation } from '../../i18n';
import { OwnSecondFactorEnrol } from './SecondFactor';
import './ownSecondFactorStrings';

/** "Two-step sign-in" from the user menu: the enrolment steps in a dialog; the account is read again after. */
export function OwnSecondFactorModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const done = () => {
    void queryClient.invalidateQueries();
    onClose();
  };
  return (
    <AppModal opened={opened} onClose={done} title={t('ownSecondFactor:title')}>
      <Text size="sm" mb="sm">
        {t('ownSecondFactor:intro')}
      </Text>
      {opened ? <OwnSecondFactorEnrol onDone={done} /> : null}
    </AppModal>
  );
}
