import { Card } from '@mantine/core';
import { useNavigate } from 'react-router';
import { useTranslation } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { PersonForm } from './PersonForm';

export default function PersonCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title={t('people.new')} />
      <Card withBorder>
        <PersonForm
          onSaved={(person) => void navigate(`/people/${person.id}`, { replace: true })}
          onUseExisting={(person) => void navigate(`/people/${person.id}`)}
          onCancel={() => void navigate(-1)}
        />
      </Card>
    </>
  );
}
