import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { api } from '../../lib/api';
import { useMe } from '../auth/session';
import { emptyServiceForm, ServiceForm, serviceBody, type ServiceFormValues } from './ServiceForm';
import { serviceKeys } from './services.queries';
import './strings';

/** Adding a service to the directory (supervisors and administrators). */
export default function ServiceCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = useMe().data ?? null;
  const create = useMutation({
    mutationFn: (values: ServiceFormValues) => api.call('createService', { body: serviceBody(values) }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      queryClient.setQueryData(serviceKeys.one(created.id), created);
      void navigate(`/services/${created.id}`, { replace: true });
    },
  });
  return (
    <>
      <PageHeader title={t('services:form.newTitle')} />
      <ServiceForm
        initialValues={emptyServiceForm(user?.countries?.[0] ?? 'PK')}
        onSubmit={(values) => create.mutate(values)}
        onCancel={() => void navigate('/services')}
        saving={create.isPending}
        error={create.error}
        submitLabel={t('services:form.create')}
      />
    </>
  );
}
