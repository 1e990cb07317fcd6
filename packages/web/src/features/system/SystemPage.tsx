import { Alert, Badge, Button, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { useTranslation } from '../../i18n';
import './strings';
import type { SystemAttention } from '@hifazat/contract';
import { Detail } from '../../components/Detail';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { keys } from '../../lib/queries';
import { useMe } from '../auth/session';
import { BreakGlassReview } from './BreakGlassReview';

// Problems that stop work are red; the rest are advice.
const SEVERE: SystemAttention[] = ['database_unavailable', 'migrations_pending', 'backup_old'];

/** Administrators: is the installation well, are the backups there, and a backup now. */
export default function SystemPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const me = useMe();
  const allowed = can.manageSystem(me.data ?? null);
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: keys.system, queryFn: () => api.call('systemStatus'), enabled: allowed });
  const backUp = useMutation({
    mutationFn: () => api.call('backUpNow'),
    onSuccess: async (made) => {
      notifications.show({ message: t('system:backupMade', { name: made.name }), color: 'teal' });
      await queryClient.invalidateQueries({ queryKey: keys.system });
    },
  });
  if (!allowed) return <Navigate to="/" replace />;

  const inUnit = (unit: 'kilobyte' | 'megabyte' | 'gigabyte') =>
    new Intl.NumberFormat(i18n.language === 'ur' ? 'ur-PK' : 'en-GB', { style: 'unit', unit, maximumFractionDigits: 1 });
  const size = (bytes: number) =>
    bytes >= 1024 ** 3
      ? inUnit('gigabyte').format(bytes / 1024 ** 3)
      : bytes >= 1024 ** 2
        ? inUnit('megabyte').format(bytes / 1024 ** 2)
        : inUnit('kilobyte').format(Math.max(1, bytes / 1024));
  const data = status.data;

  return (
    <>
      <PageHeader
        title={t('system:title')}
        subtitle={t('system:subtitle')}
        actions={
          <Button onClick={() => backUp.mutate()} loading={backUp.isPending} data-testid="backup-now">
            {t('system:backupNow')}
          </Button>
        }
      />
      <ErrorAlert error={status.error ?? backUp.error} />
      {!data ? (
        status.isPending ? (
          <PageLoader />
        ) : (
          <BreakGlassReview />
        )
      ) : (
        <Stack gap="md">
          {data.attention.map((code) => (
            <Alert key={code} color={SEVERE.includes(code) ? 'red' : 'yellow'} title={t(`system:attention.${code}.title`)} data-testid={`attention-${code}`}>
              {t(`system:attention.${code}.action`)}
            </Alert>
          ))}
          {/* Case files opened outside their readers' scope wait here for an administrator's review. */}
          <BreakGlassReview />
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder data-testid="system-state">
              <Title order={4} mb="sm">
                {t('system:state')}
              </Title>
              <Stack gap="xs">
                <Detail label={t('system:ready')}>
                  <Badge color={data.ready ? 'teal' : 'red'} variant="light" data-testid="system-ready">
                    {data.ready ? t('system:readyYes') : t('system:readyNo')}
                  </Badge>
                </Detail>
                <Detail label={t('system:database')}>{t(`system:engine.${data.engine}`)}</Detail>
                <Detail label={t('system:schema')}>{t(`system:migrations.${data.checks.migrations}`)}</Detail>
                <Detail label={t('system:version')}>
                  <span className="ltr-data">{data.version}</span>
                </Detail>
                <Detail label={t('system:diskFree')}>{size(data.disk.freeBytes)}</Detail>
                {data.disk.databaseBytes !== null ? <Detail label={t('system:databaseSize')}>{size(data.disk.databaseBytes)}</Detail> : null}
              </Stack>
            </Card>
            <Card withBorder data-testid="system-backups">
              <Title order={4} mb="sm">
                {t('system:backups')}
              </Title>
              <Stack gap="xs">
                <Detail label={t('system:schedule')}>{t(`system:scheduleValue.${data.backups.schedule}`, { keep: f.number(data.backups.keep) })}</Detail>
                <Detail label={t('system:encrypted')}>{data.backups.encrypted ? t('system:encryptedYes') : t('system:encryptedNo')}</Detail>
                <Detail label={t('system:folder')}>
                  <span className="ltr-data" style={{ overflowWrap: 'anywhere' }}>
                    {data.backups.directory}
                  </span>
                </Detail>
              </Stack>
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Title order={4} mb="sm">
              {t('system:recent')}
            </Title>
            {data.backups.recent.length === 0 ? (
              <Text c="dimmed" data-testid="no-backups">
                {t('system:noBackups')}
              </Text>
            ) : (
              <Table striped data-testid="backups-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('system:madeAt')}</Table.Th>
                    <Table.Th>{t('system:file')}</Table.Th>
                    <Table.Th>{t('system:size')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.backups.recent.map((b) => (
                    <Table.Tr key={b.name} data-testid="backup-row">
                      <Table.Td>{f.dateTime(b.at)}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>
                        <span className="ltr-data">{b.name}</span>
                      </Table.Td>
                      <Table.Td>
                        <span className="ltr-data">{size(b.bytes)}</span>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          <Group gap="xs">
            <Text size="sm" c="dimmed">
              {t('system:doctorHint')}
            </Text>
            <Code className="ltr-data">npx hifazat doctor</Code>
          </Group>
        </Stack>
      )}
    </>
  );
}
