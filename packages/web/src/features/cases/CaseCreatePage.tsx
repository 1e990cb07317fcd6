import { useMemo, useState } from 'react';
import { Alert } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { api } from '../../lib/api';
import { useMe } from '../auth/session';
import { CaseForm } from './CaseForm';
import { caseFieldErrors, createCaseBody, emptyCaseForm, type CaseFormValues } from './caseForm';
import { caseCan, caseKeys } from './cases.queries';
import './strings';

/** Today on this device's calendar (a case identified late in the evening in Pakistan is of that day, not of UTC's). */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Opening a case file (data officers): the person and how they were identified; then the case's page. */
export default function CaseCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = useMe().data ?? null;
  const initialValues = useMemo(() => {
    const provinces = user?.role === 'data_officer' ? (user.provinces ?? []) : [];
    return emptyCaseForm(user?.countries?.[0] ?? 'PK', provinces.length === 1 ? (provinces[0] ?? '') : '', localToday());
  }, [user]);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (values: CaseFormValues) => api.call('createCase', { body: createCaseBody(values) }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      queryClient.setQueryData(caseKeys.one(created.id), created);
      void navigate(`/cases/${created.id}`, { replace: true });
    },
    onError: (error) => setFieldErrors(caseFieldErrors(error)),
  });

  return (
    <>
      <PageHeader title={t('cases:form.newTitle')} subtitle={t('cases:form.newSubtitle')} />
      {user && !caseCan.create(user) ? (
        <Alert color="yellow" data-testid="case-create-not-allowed">
          {t('cases:form.onlyOfficers')}
        </Alert>
      ) : (
        <CaseForm
          user={user}
          initialValues={initialValues}
          onSubmit={(values) => create.mutate(values)}
          onCancel={() => void navigate('/cases')}
          saving={create.isPending}
          error={create.error}
          fieldErrors={fieldErrors}
          submitLabel={t('cases:form.create')}
        />
      )}
    </>
  );
}
