import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { ServiceForm, serviceBody, serviceFormOf, type ServiceFormValues } from './ServiceForm';
import { serviceKeys, useService } from './services.queries';
import './strings';

/** Changing a service, its provider accounts among it (supervisors and administrators). */
export default function ServiceEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useService(id);
  const save = useMutation({
    mutationFn: (values: ServiceFormValues) => api.call('updateService', { params: { id }, body: serviceBody(values) }),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: serviceKeys.all });
      queryClient.setQueryData(serviceKeys.one(id), updated);
      void navigate(`/services/${id}`, { replace: true });
    },
  });
  if (query.isPending) return <PageLoader />;
  if (query.error) return <ErrorAlert error={query.error} />;
  return (
    <>
      <PageHeader title={t('services:form.editTitle')} subtitle={query.data.name} />
      <ServiceForm
        initialValues={serviceFormOf(query.data)}
        onSubmit={(values) => save.mutate(values)}
        onCancel={() => void navigate(`/services/${id}`)}
        saving={save.isPending}
        error={save.error}
        submitLabel={t('services:form.save')}
      />
    </>
  );
}
