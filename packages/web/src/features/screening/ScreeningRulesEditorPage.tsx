import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { LegalProvision, LocalizedText, ScreeningRuleContent } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DateField } from '../../components/DateField';
import { api, fieldErrors } from '../../lib/api';
import { useMe } from '../auth/session';
import { can } from '../../lib/permissions';
import './strings';

const today = () => new Date().toISOString().slice(0, 10);

/** "PK-2018.1" → "PK-2026.1": the country's prefix, this year, the first of the year. */
export function suggestedVersionId(fromId: string, day: string): string {
  const prefix = fromId.split('-')[0] ?? 'INTL';
  return `${prefix}-${day.slice(0, 4)}.1`;
}

/** An optional text in both languages: null when both are empty. */
const optionalLocalized = (text: LocalizedText | null): LocalizedText | null => (text && (text.en.trim() || text.ur.trim()) ? text : null);

/**
 * A new version of the screening rules, as an edited copy of another (administrators): the provisions'
 * citations, texts, penalties, sources and whether each was confirmed against the statute, and the
 * competent agencies, with the date it takes effect. Versions never change: this adds one (audited).
 * Which questions satisfy which element stays as in the copy (the rule's logic is reviewed in code).
 */
export default function ScreeningRulesEditorPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const fromId = params.get('from') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const source = useQuery({
    queryKey: ['screening', 'rules', fromId],
    queryFn: () => api.call('getScreeningRules', { params: { id: fromId } }),
    enabled: fromId !== '',
  });
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(today());
  const [content, setContent] = useState<ScreeningRuleContent | null>(null);
  useEffect(() => {
    if (!source.data || content) return;
    setId(suggestedVersionId(source.data.id, today()));
    setTitle(source.data.title);
    setContent(structuredClone(source.data.content));
  }, [source.data, content]);
  const save = useMutation({
    mutationFn: () =>
      api.call('createScreeningRules', {
        body: {
          id: id.trim(),
          countryCode: source.data?.countryCode ?? '*',
          effectiveFrom,
          title: title.trim(),
          basedOn: fromId,
          content: content as ScreeningRuleContent,
        },
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['screening'] });
      void navigate('/screening-aid/rules');
    },
  });
  const errors = fieldErrors(save.error);
  const localized = (text: LocalizedText) => (i18n.language === 'ur' ? text.ur : text.en);

  if (!can.editScreeningRules(me.data ?? null)) return <Alert color="red">{t('screening:editor.notAllowed')}</Alert>;
  if (!fromId) return <Alert color="orange">{t('screening:editor.pickVersion')}</Alert>;
  if (source.isPending) return <PageLoader />;
  if (source.error || !content) return <ErrorAlert error={source.error} />;

  const setProvision = (i: number, p: number, change: Partial<LegalProvision>) =>
    setContent((c) => {
      if (!c) return c;
      const next = structuredClone(c);
      const provision = next.instruments[i]?.provisions[p];
      if (provision) Object.assign(provision, change);
      return next;
    });
  const setAgency = (a: number, change: Partial<ScreeningRuleContent['agencies'][number]>) =>
    setContent((c) => {
      if (!c) return c;
      const next = structuredClone(c);
      const agency = next.agencies[a];
      if (agency) Object.assign(agency, change);
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <>
      <PageHeader title={t('screening:editor.title')} subtitle={t('screening:editor.subtitle', { from: fromId })} />
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={860}>
          <Alert color="blue" variant="light">
            {t('screening:editor.help')}
          </Alert>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('screening:editor.id')}
              value={id}
              onChange={(e) => setId(e.currentTarget.value)}
              error={errors.id}
              dir="ltr"
              required
              data-testid="rules-editor-id"
              miw={200}
            />
            <DateField
              label={t('screening:rules.effectiveFrom')}
              value={effectiveFrom}
              onChange={setEffectiveFrom}
              error={errors.effectiveFrom}
              required
              testId="rules-editor-effective"
            />
          </Group>
          <TextInput label={t('screening:editor.versionTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors.title} required />
          {content.instruments.map((instrument, i) => (
            <Card key={instrument.id} withBorder padding="sm">
              <Title order={3} size="h5" mb="xs">
                {localized(instrument.title)}
              </Title>
              <Stack gap="lg">
                {instrument.provisions.map((p, pi) => (
                  <Stack key={p.id} gap={6} data-testid={`rules-editor-provision-${p.id}`}>
                    <TextInput
                      label={t('screening:editor.citation')}
                      value={p.citation}
                      onChange={(e) => setProvision(i, pi, { citation: e.currentTarget.value })}
                      dir="ltr"
                    />
                    <Textarea
                      label={t('screening:editor.text')}
                      value={p.text}
                      onChange={(e) => setProvision(i, pi, { text: e.currentTarget.value })}
                      autosize
                      minRows={2}
                      dir="ltr"
                      lang="en"
                    />
                    <Select
                      label={t('screening:editor.textKind')}
                      data={[
                        { value: 'quoted', label: t('screening:result.quoted') },
                        { value: 'paraphrase', label: t('screening:result.paraphrase') },
                      ]}
                      value={p.textKind}
                      onChange={(value) => setProvision(i, pi, { textKind: value === 'quoted' ? 'quoted' : 'paraphrase' })}
                      allowDeselect={false}
                    />
                    <Group grow align="flex-start" wrap="wrap">
                      <Textarea
                        label={`${t('screening:result.penalty')} (English)`}
                        value={p.penalty?.en ?? ''}
                        onChange={(e) => setProvision(i, pi, { penalty: optionalLocalized({ en: e.currentTarget.value, ur: p.penalty?.ur ?? '' }) })}
                        autosize
                        dir="ltr"
                        miw={220}
                      />
                      <Textarea
                        label={`${t('screening:result.penalty')} (اردو)`}
                        value={p.penalty?.ur ?? ''}
                        onChange={(e) => setProvision(i, pi, { penalty: optionalLocalized({ en: p.penalty?.en ?? '', ur: e.currentTarget.value }) })}
                        autosize
                        dir="rtl"
                        miw={220}
                      />
                    </Group>
                    <TextInput
                      label={t('screening:result.source')}
                      value={p.source ?? ''}
                      onChange={(e) => setProvision(i, pi, { source: e.currentTarget.value || null })}
                      dir="ltr"
                    />
                    <Checkbox
                      label={t('screening:editor.confirmed')}
                      checked={p.confirmed}
                      onChange={(e) => setProvision(i, pi, { confirmed: e.currentTarget.checked })}
                      data-testid={`rules-editor-confirmed-${p.id}`}
                    />
                  </Stack>
                ))}
              </Stack>
            </Card>
          ))}
          <Card withBorder padding="sm">
            <Title order={3} size="h5" mb="xs">
              {t('screening:rules.agencies')}
            </Title>
            <Stack gap="md">
              {content.agencies.map((agency, a) => (
                <Stack key={agency.scope} gap={6}>
                  <Text fw={600} size="sm">
                    {t(`screening:rules.scope.${agency.scope}`)}
                  </Text>
                  <Group grow align="flex-start" wrap="wrap">
                    <TextInput
                      label="English"
                      value={agency.name.en}
                      onChange={(e) => setAgency(a, { name: { ...agency.name, en: e.currentTarget.value } })}
                      dir="ltr"
                      miw={220}
                    />
                    <TextInput
                      label="اردو"
                      value={agency.name.ur}
                      onChange={(e) => setAgency(a, { name: { ...agency.name, ur: e.currentTarget.value } })}
                      dir="rtl"
                      miw={220}
                    />
                  </Group>
                  <Checkbox
                    label={t('screening:editor.confirmed')}
                    checked={agency.confirmed}
                    onChange={(e) => setAgency(a, { confirmed: e.currentTarget.checked })}
                  />
                </Stack>
              ))}
            </Stack>
          </Card>
          <ErrorAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="rules-editor-save">
              {t('screening:editor.save')}
            </Button>
            <Button component={Link} to="/screening-aid/rules" variant="default">
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
