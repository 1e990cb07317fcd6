import { Button, Center } from '@mantine/core';
import { useTranslation } from '../i18n';

export function LoadMore(props: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!props.hasNextPage) return null;
  return (
    <Center mt="md">
      <Button variant="light" onClick={() => void props.fetchNextPage()} loading={props.isFetchingNextPage} data-testid={props.testId ?? 'load-more'}>
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
