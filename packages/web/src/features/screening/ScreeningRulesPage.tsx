import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Accordion, Alert, Badge, Button, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import type { LocalizedText } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { can } from '../../lib/permissions';
import { useMe } from '../auth/session';
import './strings';

/**
 * The versions of the screening rules (list + view). A new version is added through the API as an
 * edited copy (POST /api/screening-rules, administrators, audited); versions never change.
 */
export default function ScreeningRulesPage() {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const localized = (text: LocalizedText) => (i18n.language === 'ur' ? text.ur : text.en);
  const versions = useQuery({ queryKey: ['screening', 'rules'], queryFn: () => api.call('listScreeningRules') });
  const [open, setOpen] = useState<string | null>(null);
  const me = useMe();
  const version = useQuery({
    queryKey: ['screening', 'rules', open],
    queryFn: () => api.call('getScreeningRules', { params: { id: open ?? '' } }),
    enabled: open !== null,
  });

  return (
    <>
      <PageHeader title={t('screening:rules.title')} subtitle={t('screening:rules.subtitle')} />
      <Stack gap="md" maw={860}>
        <Alert color="blue" variant="light">
          {t('screening:rules.editHelp')}
        </Alert>
        <ErrorAlert error={versions.error ?? version.error} />
        {versions.isPending ? <PageLoader /> : null}
        {versions.data?.items.map((v) => (
          <Card key={v.id} withBorder padding="sm" data-testid={`rules-version-${v.id}`}>
            <UnstyledButton onClick={() => setOpen(open === v.id ? null : v.id)} aria-expanded={open === v.id}>
              <Group gap="xs">
                <Text fw={700}>
                  <bdi>{v.id}</bdi>
                </Text>
                {v.current ? <Badge color="teal">{t('screening:rules.current')}</Badge> : null}
              </Group>
              <Text size="sm">
                <bdi>{v.title}</bdi>
              </Text>
              <Text size="xs" c="dimmed">
                {t('screening:rules.country')}: {v.countryCode === '*' ? t('screening:rules.international') : f.country(v.countryCode)} ·{' '}
                {t('screening:rules.effectiveFrom')}: <bdi>{f.date(v.effectiveFrom)}</bdi>
                {v.basedOn ? (
                  <>
                    {' '}
                    · {t('screening:rules.basedOn')}: <bdi>{v.basedOn}</bdi>
                  </>
                ) : null}
              </Text>
            </UnstyledButton>
            {open === v.id && version.data?.id === v.id ? (
              <Stack gap="xs" mt="sm">
                {can.editScreeningRules(me.data ?? null) ? (
                  <Group>
                    <Button
                      component={Link}
                      to={`/screening-aid/rules/new?from=${encodeURIComponent(v.id)}`}
                      size="xs"
                      variant="light"
                      data-testid="rules-new-version"
                    >
                      {t('screening:editor.newVersion')}
                    </Button>
                  </Group>
                ) : null}
                <Title order={3} size="h5">
                  {t('screening:rules.instruments')}
                </Title>
                <Accordion multiple variant="separated">
                  {version.data.content.instruments.map((instrument) => (
                    <Accordion.Item key={instrument.id} value={instrument.id}>
                      <Accordion.Control>{localized(instrument.title)}</Accordion.Control>
                      <Accordion.Panel>
                        <Stack gap="xs">
                          {instrument.provisions.map((p) => (
                            <div key={p.id}>
                              <Group gap={6}>
                                <Text size="sm" fw={600}>
                                  <bdi>{p.citation}</bdi>
                                </Text>
                                {p.confirmed ? null : (
                                  <Badge color="orange" variant="outline" size="sm">
                                    {t('screening:result.unconfirmed')}
                                  </Badge>
                                )}
                              </Group>
                              <Text size="sm" lang="en" dir="ltr" style={{ textAlign: 'start' }}>
                                {p.text}
                              </Text>
                              {p.penalty ? (
                                <Text size="sm">
                                  {t('screening:result.penalty')}: {localized(p.penalty)}
                                </Text>
                              ) : null}
                            </div>
                          ))}
                        </Stack>
                      </Accordion.Panel>
                    </Accordion.Item>
                  ))}
                </Accordion>
                <Title order={3} size="h5">
                  {t('screening:rules.agencies')}
                </Title>
                {version.data.content.agencies.map((a) => (
                  <Text key={a.scope} size="sm" data-testid={`rules-agency-${a.scope}`}>
                    <strong>{t(`screening:rules.scope.${a.scope}`)}:</strong> {localized(a.name)}
                  </Text>
                ))}
              </Stack>
            ) : null}
          </Card>
        ))}
      </Stack>
    </>
  );
}
