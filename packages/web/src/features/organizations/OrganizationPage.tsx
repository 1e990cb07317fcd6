import { lazy, Suspense } from 'react';
import { Anchor, Button, Card, SimpleGrid } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import type { Organization } from '@hifazat/contract';
import { ConfirmModal } from '../../components/ConfirmModal';
import { AppModal } from '../../components/AppModal';
import { RecordBoundary, RecordPage } from '../../components/RecordPage';
import { useMe } from '../auth/session';
import { useDeleteRecord } from '../../lib/useDeleteRecord';
import { useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { keys } from '../../lib/queries';
import { useOrganization } from './organizations.queries';

import { PageLoader } from '../../components/PageLoader';
import { Detail } from '../../components/Detail';
import { provinceLabel } from '../../lib/options';

// Fetched when the dialog first opens: the form's selects are not part of the page's first load.
const OrganizationForm = lazy(() => import('./OrganizationForm').then((module) => ({ default: module.OrganizationForm })));

export default function OrganizationPage() {
  const { id = '' } = useParams();
  return <RecordBoundary query={useOrganization(id)}>{(organization) => <OrganizationView organization={organization} />}</RecordBoundary>;
}

function OrganizationView({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const me = useMe();
  const user = me.data ?? null;
  const [editOpen, edit] = useDisclosure(false);
  const [deleteOpen, del] = useDisclosure(false);
  const remove = useDeleteRecord({
    route: 'deleteOrganization',
    id: organization.id,
    recordKey: keys.organization(organization.id),
    invalidate: [keys.organizations],
    then: '/organizations',
  });

  return (
    <RecordPage
      title={organization.name}
      subtitle={organization.acronym ?? undefined}
      actions={
        <>
          {can.editOrganizations(user) ? (
            <Button variant="default" onClick={edit.open} data-testid="organization-edit">
              {t('common.edit')}
            </Button>
          ) : null}
          {can.deleteOrganizations(user) ? (
            <Button variant="light" color="red" onClick={del.open} data-testid="organization-delete">
              {t('common.delete')}
            </Button>
          ) : null}
        </>
      }
      history={{ queryKey: keys.organizationHistory(organization.id), route: 'organizationHistory', id: organization.id }}
      footer={
        <>
          <AppModal opened={editOpen} onClose={edit.close} title={t('organization.editTitle')} size="lg">
            <Suspense fallback={<PageLoader />}>
              <OrganizationForm
                organization={organization}
                onCancel={edit.close}
                onSaved={() => {
                  notifications.show({ message: t('common.saved'), color: 'teal' });
                  void queryClient.invalidateQueries({ queryKey: keys.organizationHistory(organization.id) });
                  edit.close();
                }}
              />
            </Suspense>
          </AppModal>
          <ConfirmModal
            opened={deleteOpen}
            onClose={del.close}
            title={t('organization.deleteTitle')}
            message={t('organization.deleteText', { name: organization.name })}
            confirmLabel={t('common.delete')}
            onConfirm={() => remove.mutate()}
            loading={remove.isPending}
            error={remove.error}
            danger
            testId="organization-delete-confirm"
          />
        </>
      }
    >
      <Card withBorder mb="md" data-testid="organization-details">
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <Detail label={t('organization.type')}>{t(`organizationType.${organization.type}`)}</Detail>
          <Detail label={t('organization.country')}>{f.country(organization.countryCode)}</Detail>
          <Detail label={t('organization.province')}>{provinceLabel(t, organization.province) ?? '—'}</Detail>
        </SimpleGrid>
        <Anchor
          component={Link}
          to={`/people?organizationId=${organization.id}`}
          size="sm"
          mt="sm"
          display="inline-block"
          data-testid="organization-people-link"
        >
          {t('organization.showPeople')}
        </Anchor>
      </Card>
    </RecordPage>
  );
}
