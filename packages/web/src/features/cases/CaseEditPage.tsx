import { useState } from 'react';
import { Alert } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { useMe } from '../auth/session';
import { CaseForm } from './CaseForm';
import { caseFieldErrors, caseFormOf, updateCaseBody, type CaseFormValues } from './caseForm';
import { caseCan, caseKeys, useCase } from './cases.queries';
import './strings';

/** Correcting a case's identification or the person's details (PATCH: the history keeps the fields, never the values). */
export default function CaseEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const user = useMe().data ?? null;
  const record = useCase(id);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: ({ values, before }: { values: CaseFormValues; before: CaseFormValues }) =>
      api.call('updateCase', { params: { id }, body: updateCaseBody(values, before) }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      queryClient.setQueryData(caseKeys.one(id), saved);
      void navigate(`/cases/${id}`, { replace: true });
    },
    onError: (error) => setFieldErrors(caseFieldErrors(error)),
  });

  if (record.isPending) return <PageLoader />;
  if (record.isError) return <ErrorAlert error={record.error} />;
  const found = record.data;
  return (
    <>
      <PageHeader title={t('cases:form.editTitle', { reference: found.reference })} />
      {!caseCan.write(user) || found.victim === null || found.access !== 'scope' ? (
        <Alert color="yellow" data-testid="case-edit-not-allowed">
          {t('cases:form.cannotEdit')}
        </Alert>
      ) : (
        <CaseForm
          user={user}
          initialValues={caseFormOf(found)}
          editing
          onSubmit={(values) => save.mutate({ values, before: caseFormOf(found) })}
          onCancel={() => void navigate(`/cases/${id}`)}
          saving={save.isPending}
          error={save.error}
          fieldErrors={fieldErrors}
          submitLabel={t('common.save')}
        />
      )}
    </>
  );
}
