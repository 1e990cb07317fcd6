import { Accordion, Alert, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { LocalizedText, ScreeningElementResult, ScreeningEvaluation } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { useFormat } from '../../lib/format';

const SUGGESTION_COLOR: Record<ScreeningEvaluation['suggestion'], string> = {
  tip: 'red',
  som: 'orange',
  both: 'red',
  neither: 'gray',
  insufficient: 'yellow',
};

/** Text in the reader's language (the rules carry English and Urdu). */
function useLocalized() {
  const { i18n } = useTranslation();
  return (text: LocalizedText) => (i18n.language === 'ur' ? text.ur : text.en);
}

function statusOf(element: ScreeningElementResult): { key: string; color: string } {
  if (element.notRequired && element.value !== true) return { key: 'notRequired', color: 'gray' };
  if (element.value === true) return { key: 'met', color: 'teal' };
  if (element.value === false) return { key: 'notMet', color: 'gray' };
  return { key: 'open', color: 'yellow' };
}

function ElementCard({ element }: { element: ScreeningElementResult }) {
  const { t } = useTranslation();
  const status = statusOf(element);
  return (
    <Card withBorder padding="xs" data-testid={`element-${element.element}`} data-status={status.key} opacity={status.key === 'notRequired' ? 0.75 : 1}>
      <Stack gap={4}>
        <Text fw={600}>{t(`screening:elements.${element.element}`)}</Text>
        {/* On a line of its own: "Not required — child" is long in a narrow card. */}
        <Badge
          color={status.color}
          variant={status.key === 'met' ? 'filled' : 'light'}
          maw="100%"
          styles={{ label: { overflow: 'visible', whiteSpace: 'normal' } }}
          h="auto"
          py={2}
        >
          {t(`screening:status.${status.key}`)}
        </Badge>
        {element.supportingAnswers.length > 0 && element.value === true ? (
          <List size="xs" spacing={2} data-testid={`element-${element.element}-support`}>
            {element.supportingAnswers.map((a) => (
              <List.Item key={a.questionId}>{t(`screening:questions.${a.questionId}`)}</List.Item>
            ))}
          </List>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The evaluation: emergency first, the suggestion, element cards, each law's reading, the agency and the legal basis. */
export function ScreeningResult({ result }: { result: ScreeningEvaluation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const localized = useLocalized();
  const tip = result.elements.filter((e) => e.kind === 'tip');
  const som = result.elements.filter((e) => e.kind === 'som');
  const agency = result.competentAgency;
  const metLabel = (met: boolean | null) =>
    t(met === true ? 'screening:result.metUnder' : met === false ? 'screening:result.notMetUnder' : 'screening:result.openUnder');

  return (
    <Stack gap="sm" data-testid="screening-result">
      {result.emergency.referralFirst ? (
        <Alert color="red" variant="filled" title={t('screening:result.emergency')} data-testid="screening-emergency">
          <Text size="sm">{t('screening:result.emergencyHelp')}</Text>
          <Text size="sm" fw={700}>
            {result.emergency.reasons.map((r) => t(`screening:result.reason.${r}`)).join(' · ')}
          </Text>
        </Alert>
      ) : null}

      <Card
        withBorder
        padding="sm"
        style={{ borderInlineStartWidth: 6, borderInlineStartColor: `var(--mantine-color-${SUGGESTION_COLOR[result.suggestion]}-6)` }}
      >
        <Text size="xs" c="dimmed" tt="uppercase">
          {t('screening:result.title')}
        </Text>
        <Title order={2} size="h3" data-testid="screening-suggestion" data-suggestion={result.suggestion}>
          {t(`screening:suggestion.${result.suggestion}`)}
        </Title>
        {result.vulnerableMigrant ? (
          <Text fw={600} c="orange.8" data-testid="screening-vulnerable">
            {t('screening:result.vulnerableMigrant')}
          </Text>
        ) : null}
        <Group gap="xs" mt={4}>
          {result.isChild ? <Badge color="grape">{t('screening:result.child')}</Badge> : null}
          <Text size="xs" c="dimmed" data-testid="screening-rules-version">
            {t('screening:result.rules')}: <bdi>{result.rulesVersion}</bdi> · <bdi>{result.internationalRulesVersion}</bdi>
          </Text>
        </Group>
        {result.fallbackToInternational ? (
          <Text size="sm" c="orange.8" data-testid="screening-fallback">
            {t('screening:result.fallback', { country: f.country(result.countryCode) })}
          </Text>
        ) : null}
      </Card>

      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={6}>
          <Text fw={700}>{t('screening:result.tipCard')}</Text>
          <SimpleGrid cols={{ base: 1, xs: 3, sm: 1, md: 3 }} spacing={6} data-testid="screening-tip-elements">
            {tip.map((e) => (
              <ElementCard key={e.element} element={e} />
            ))}
          </SimpleGrid>
        </Stack>
        <Stack gap={6}>
          <Text fw={700}>{t('screening:result.somCard')}</Text>
          <SimpleGrid cols={{ base: 1, xs: 3, sm: 1, md: 3 }} spacing={6} data-testid="screening-som-elements">
            {som.map((e) => (
              <ElementCard key={e.element} element={e} />
            ))}
          </SimpleGrid>
        </Stack>
      </SimpleGrid>

      <Card withBorder padding="sm" data-testid="screening-evaluations">
        <Text fw={700}>{t('screening:result.evaluations')}</Text>
        {result.instrumentsDiffer ? (
          <Text size="sm" c="orange.8" data-testid="screening-differs">
            {t('screening:result.differs')}
          </Text>
        ) : null}
        <Stack gap={6} mt={4}>
          {result.evaluations.map((e) => (
            <div key={e.instrument} data-testid={`evaluation-${e.instrument}`} data-met={String(e.met)}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <Badge color={e.met === true ? 'teal' : e.met === false ? 'gray' : 'yellow'} variant="light" style={{ flexShrink: 0 }}>
                  {metLabel(e.met)}
                </Badge>
                <Text size="sm">{localized(e.title)}</Text>
              </Group>
              {e.notes.map((note) => (
                <Text key={note} size="xs" c="dimmed" ms="md">
                  {t(`screening:notes.${note}`)}
                </Text>
              ))}
              {e.caveat && e.met !== true ? (
                <Text size="xs" c="dimmed" ms="md">
                  {localized(e.caveat)}
                </Text>
              ) : null}
            </div>
          ))}
        </Stack>
      </Card>

      {result.followUpQuestions.length > 0 ? (
        <Card withBorder padding="sm" data-testid="screening-follow-up">
          <Text fw={700}>{t('screening:result.followUp')}</Text>
          <List size="sm" spacing={2}>
            {result.followUpQuestions.map((q) => (
              <List.Item key={q}>{t(`screening:questions.${q}`)}</List.Item>
            ))}
          </List>
        </Card>
      ) : null}

      <Card withBorder padding="sm" data-testid="screening-agency">
        <Text fw={700}>{t('screening:result.agency')}</Text>
        {agency ? (
          <>
            <Group gap={6}>
              <Text data-testid="screening-agency-name">{localized(agency.name)}</Text>
              {agency.confirmed ? null : (
                <Badge color="orange" variant="outline" size="sm">
                  {t('screening:result.unconfirmed')}
                </Badge>
              )}
            </Group>
            {agency.note ? (
              <Text size="sm" c="dimmed">
                {localized(agency.note)}
              </Text>
            ) : null}
            {agency.borderUnknown && agency.alternative ? (
              <Text size="sm">{t('screening:result.agencyAlternative', { name: localized(agency.alternative.name) })}</Text>
            ) : null}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('screening:result.noAgency')}
          </Text>
        )}
      </Card>

      <Card withBorder padding="sm" data-testid="screening-legal-basis">
        <Text fw={700}>{t('screening:result.legalBasis')}</Text>
        <Accordion multiple variant="separated" chevronPosition="left">
          {result.legalBasis.map((p) => (
            <Accordion.Item key={`${p.instrument}-${p.id}`} value={`${p.instrument}-${p.id}`} data-testid={`provision-${p.id}`}>
              <Accordion.Control>
                <Stack gap={2}>
                  <Text size="sm" fw={600}>
                    <bdi>{p.citation}</bdi>
                  </Text>
                  <Group gap={6}>
                    <Text size="sm">{localized(p.title)}</Text>
                    {p.confirmed ? null : (
                      <Badge color="orange" variant="outline" size="sm" data-testid={`provision-${p.id}-unconfirmed`}>
                        {t('screening:result.unconfirmed')}
                      </Badge>
                    )}
                  </Group>
                </Stack>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap={6}>
                  <Text size="xs" c="dimmed">
                    {t(p.textKind === 'quoted' ? 'screening:result.quoted' : 'screening:result.paraphrase')}
                  </Text>
                  {/* The statute's words are English: kept left to right inside an Urdu page. */}
                  <Text size="sm" lang="en" dir="ltr" style={{ textAlign: 'start' }} data-testid={`provision-${p.id}-text`}>
                    {p.text}
                  </Text>
                  <Text size="sm">{localized(p.summary)}</Text>
                  {p.penalty ? (
                    <Text size="sm">
                      <strong>{t('screening:result.penalty')}:</strong> {localized(p.penalty)}
                    </Text>
                  ) : null}
                  {p.source ? (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {t('screening:result.source')}: <bdi>{p.source}</bdi>
                    </Text>
                  ) : null}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </Card>
    </Stack>
  );
}
