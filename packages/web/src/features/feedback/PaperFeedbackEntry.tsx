import { Fragment, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Alert, Badge, Button, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { MAX_FEEDBACK_TEXT, type FeedbackForm } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api } from '../../lib/api';
import { newClientId } from '../../lib/clientId';
import { currentLanguage, useFormat } from '../../lib/format';
import { OPTION_LETTERS } from '../assessments/answerSheet';
import { cellMove, paperSaveProblem } from '../assessments/paperKeys';
import { useEventParticipants } from '../events/events.queries';
import { feedbackKeys, textIn } from './feedback.queries';
import { feedbackAnswers, feedbackCell, type PaperItem } from './paperFeedback';
import '../assessments/assessments.css';
import './strings';
import './questionnaireStrings';

type Status = { state: 'idle' } | { state: 'saving' } | { state: 'saved'; name: string } | { state: 'error'; message: string };
type Cell = HTMLInputElement | HTMLTextAreaElement;

/**
 * Paper questionnaires typed in one after another with the keyboard alone: the participant (type a
 * few letters of the name, Enter), then one cell per item — a point from 1 to 5, an option's number,
 * a written answer. Enter moves on, and on the last item saves and starts the next questionnaire with
 * the focus back on the name; Ctrl+Enter saves from anywhere. Each questionnaire is sent with its own
 * client id, so that sending it again after a lost answer stores it once; the server keeps it as
 * anonymously as one sent through the link (only that the person has answered).
 */
export default function PaperFeedbackEntry({ form }: { form: FeedbackForm }) {
  const { t, i18n } = useTranslation();
  const lang = currentLanguage(i18n.language);
  const f = useFormat();
  const queryClient = useQueryClient();
  const participants = useEventParticipants(form.eventId);
  const [personId, setPersonId] = useState<string | null>(null);
  const [cells, setCells] = useState<Record<string, string>>({});
  // The cells as typed, read by a save that follows a keystroke before the next render.
  const cellsNow = useRef(cells);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [typedNow, setTypedNow] = useState<Array<{ personId: string; name: string }>>([]);
  const clientIds = useRef(new Map<string, string>());
  const who = useRef<HTMLInputElement>(null);
  const inputs = useRef(new Map<number, Cell>());

  const items: PaperItem[] = useMemo(
    () => form.items.map((item) => ({ id: item.id, kind: item.kind, optionIds: item.options.map((o) => o.id) })),
    [form.items],
  );
  // Participants only (trainers and guests answer no questionnaire); another country's are not named, so not typed here.
  const people = useMemo(
    () => (participants.data?.items ?? []).flatMap((p) => (p.role === 'participant' && p.personId ? [{ value: p.personId, label: p.fullName ?? '' }] : [])),
    [participants.data],
  );
  const done = new Set(typedNow.map((p) => p.personId));
  const choices = people.filter((p) => !done.has(p.value));
  const nameOf = (id: string) => people.find((p) => p.value === id)?.label ?? '';

  const focusCell = (index: number) => inputs.current.get(index)?.focus();
  const setCell = (itemIndex: number, typed: string) => {
    const item = items[itemIndex];
    if (!item) return;
    const next = { ...cellsNow.current, [item.id]: feedbackCell(item, typed) };
    cellsNow.current = next;
    setCells(next);
    if (status.state !== 'idle') setStatus({ state: 'idle' });
  };
  const startNext = () => {
    cellsNow.current = {};
    setCells({});
    setPersonId(null);
    requestAnimationFrame(() => who.current?.focus());
  };

  const save = async () => {
    if (status.state === 'saving') return;
    if (!personId) {
      setStatus({ state: 'error', message: t('questionnaires:paper.chooseFirst') });
      who.current?.focus();
      return;
    }
    const answers = feedbackAnswers(items, cellsNow.current);
    if (answers.length === 0) {
      setStatus({ state: 'error', message: t('questionnaires:paper.empty') });
      focusCell(0);
      return;
    }
    let clientId = clientIds.current.get(personId);
    if (!clientId) {
      clientId = newClientId();
      clientIds.current.set(personId, clientId);
    }
    const name = nameOf(personId);
    setStatus({ state: 'saving' });
    try {
      await api.call('createStaffFeedbackResponse', { params: { id: form.eventId }, body: { personId, answers, clientId } });
      setTypedNow((list) => [...list, { personId, name }]);
      setStatus({ state: 'saved', name });
      // The response count on the tab, and with it the results.
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.form(form.eventId), exact: true });
      startNext();
    } catch (error) {
      setStatus({
        state: 'error',
        message: paperSaveProblem(error, {
          answeredAlready: t('questionnaires:paper.answeredAlready', { name }),
          offline: t('questionnaires:paper.notSavedOffline'),
          failed: t('questionnaires:paper.notSaved'),
        }),
      });
    }
  };

  const onKeyDown = (event: KeyboardEvent<Cell>, index: number) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
      return;
    }
    const move = cellMove(event);
    if (move === 'next') {
      if (index < items.length - 1) focusCell(index + 1);
      else void save();
    } else if (move === 'previous') {
      if (index > 0) focusCell(index - 1);
      else who.current?.focus();
    }
  };

  if (participants.isPending) return <PageLoader />;
  if (participants.error) return <ErrorAlert error={participants.error} />;
  if (people.length === 0) return <Text c="dimmed">{t('questionnaires:paper.noParticipants')}</Text>;

  const meaning = (index: number): string | null => {
    const item = form.items[index];
    const value = item ? (cells[item.id] ?? '') : '';
    if (!item || value === '') return null;
    if (item.kind === 'likert') return t(`questionnaires:scale.${value}`);
    const option = item.options[Number(value) - 1];
    return option ? textIn(option.text, lang) : null;
  };
  /** What the cell takes: 1–5, or the options' numbers (and letters) with each option's words, one after another. */
  const hint = (index: number): ReactNode => {
    const item = form.items[index];
    if (!item || item.kind === 'text') return null;
    if (item.kind === 'likert') return t('questionnaires:paper.hintLikert');
    const last = item.options.length;
    return (
      <>
        {t('questionnaires:paper.hintChoice', { last: f.number(last), letter: OPTION_LETTERS[last - 1] ?? '' })}
        {item.options.map((o, i) => (
          <Fragment key={o.id}>
            {i === 0 ? <br /> : ' · '}
            <bdi>
              {f.number(i + 1)} {textIn(o.text, lang)}
            </bdi>
          </Fragment>
        ))}
      </>
    );
  };

  return (
    <Stack gap="sm" data-testid="feedback-paper">
      <Text size="sm" c="dimmed">
        {t('questionnaires:paper.help')}
      </Text>
      <Select
        ref={who}
        label={t('questionnaires:paper.who')}
        placeholder={t('questionnaires:paper.whoPlaceholder')}
        data={choices}
        value={personId}
        onChange={(value) => {
          setPersonId(value);
          if (status.state !== 'idle') setStatus({ state: 'idle' });
          if (value) requestAnimationFrame(() => focusCell(0));
        }}
        searchable
        selectFirstOptionOnChange
        nothingFoundMessage={t('common.nothingFound')}
        maw={420}
        data-testid="feedback-paper-who"
      />
      <Stack gap={6}>
        {form.items.map((item, index) => {
          const n = index + 1;
          const said = meaning(index);
          const ref = (el: Cell | null) => {
            if (el) inputs.current.set(index, el);
            else inputs.current.delete(index);
          };
          const label = t('questionnaires:paper.cellLabel', { n });
          return (
            <Group
              key={item.id}
              gap="xs"
              align="flex-start"
              wrap="wrap"
              py={6}
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              data-testid={`feedback-paper-item-${n}`}
            >
              <Group gap="xs" align="flex-start" wrap="nowrap" style={{ flex: '1 1 240px', minWidth: 0 }}>
                <Text fw={700} w={24} aria-hidden>
                  {f.number(n)}
                </Text>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                    {textIn(item.text, lang)}
                  </Text>
                  {item.kind !== 'text' ? (
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }} data-testid={`feedback-paper-hint-${n}`}>
                      {hint(index)}
                    </Text>
                  ) : null}
                </Stack>
              </Group>
              {item.kind === 'text' ? (
                <Textarea
                  ref={ref}
                  aria-label={label}
                  placeholder={t('questionnaires:paper.textPlaceholder')}
                  value={cells[item.id] ?? ''}
                  onChange={(e) => setCell(index, e.currentTarget.value)}
                  onKeyDown={(e) => onKeyDown(e, index)}
                  autosize
                  minRows={1}
                  maxLength={MAX_FEEDBACK_TEXT}
                  dir="auto"
                  style={{ flex: '1 1 260px', minWidth: 0 }}
                  data-testid={`feedback-paper-cell-${n}`}
                />
              ) : (
                <Group gap="xs" wrap="nowrap" style={{ flex: '0 1 260px', minWidth: 0 }}>
                  <input
                    ref={ref}
                    className="sheet-cell"
                    aria-label={label}
                    value={cells[item.id] ?? ''}
                    onChange={(e) => setCell(index, e.currentTarget.value)}
                    onKeyDown={(e) => onKeyDown(e, index)}
                    inputMode={item.kind === 'likert' ? 'numeric' : 'text'}
                    autoComplete="off"
                    spellCheck={false}
                    data-testid={`feedback-paper-cell-${n}`}
                  />
                  <Text
                    size="sm"
                    c={said ? undefined : 'dimmed'}
                    dir="auto"
                    style={{ minWidth: 0, overflowWrap: 'anywhere' }}
                    data-testid={`feedback-paper-meaning-${n}`}
                  >
                    {said ?? t('questionnaires:paper.noAnswer')}
                  </Text>
                </Group>
              )}
            </Group>
          );
        })}
      </Stack>
      <Group gap="xs">
        <Button onClick={() => void save()} loading={status.state === 'saving'} data-testid="feedback-paper-save">
          {t('questionnaires:paper.save')}
        </Button>
        <Button variant="default" onClick={startNext} data-testid="feedback-paper-clear">
          {t('questionnaires:paper.clear')}
        </Button>
        <Badge variant="light" color="teal" size="lg" data-testid="feedback-paper-typed" data-n={typedNow.length}>
          {t('questionnaires:paper.typedNow', { n: f.number(typedNow.length) })}
        </Badge>
      </Group>
      {status.state === 'saved' ? (
        <Alert color="teal" p="xs" data-testid="feedback-paper-status" data-state="saved">
          {t('questionnaires:paper.saved', { name: status.name })}
        </Alert>
      ) : status.state === 'error' ? (
        <Alert color="red" p="xs" role="alert" data-testid="feedback-paper-status" data-state="error">
          {status.message}
        </Alert>
      ) : null}
      {typedNow.length > 0 ? (
        <Text size="xs" c="dimmed" data-testid="feedback-paper-typed-names">
          {typedNow.map((p) => p.name).join(t('common.listSeparator'))}
        </Text>
      ) : null}
    </Stack>
  );
}
