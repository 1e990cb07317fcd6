import { ActionIcon, Alert, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  MAX_FEEDBACK_ITEMS,
  MAX_FEEDBACK_OPTIONS,
  MAX_FEEDBACK_TEXT,
  type CreateFeedbackTemplateBody,
  type FeedbackItemKind,
  type FeedbackTemplate,
  type UpdateFeedbackTemplateBody,
} from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { countryCodeBody, countryFormValue, useSharedRecordCountry } from '../../lib/countries';
import { useFormat } from '../../lib/format';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { useMe } from '../auth/session';
import { feedbackKeys } from './feedback.queries';
import './strings';
import './questionnaireStrings';

type OptionValues = { key: string; id?: string; en: string; ur: string };
type ItemValues = { key: string; id?: string; kind: FeedbackItemKind; en: string; ur: string; options: OptionValues[] };
export type TemplateValues = {
  titleEn: string;
  titleUr: string;
  items: ItemValues[];
  /** '' : the server's default (the user's one country); EVERY_COUNTRY: shared by all. */
  countryCode: string;
};

const TITLE_MAX = 300;
const ITEM_MAX = 500;
const OPTION_MAX = 200;
/** The five points of an agree-or-disagree item (their words: the contract's likertScale, in questionnaires.*.json). */
const LIKERT_POINTS = [1, 2, 3, 4, 5] as const;

let nextKey = 0;
const newKey = () => `k${(nextKey += 1)}`;
const blankOption = (): OptionValues => ({ key: newKey(), en: '', ur: '' });
const blankItem = (kind: FeedbackItemKind): ItemValues => ({
  key: newKey(),
  kind,
  en: '',
  ur: '',
  options: kind === 'choice' ? [blankOption(), blankOption()] : [],
});

function fromTemplate(template: FeedbackTemplate | undefined, defaultCountry: string): TemplateValues {
  return {
    titleEn: template?.title.en ?? '',
    titleUr: template?.title.ur ?? '',
    items: template
      ? template.items.map((item) => ({
          key: newKey(),
          id: item.id,
          kind: item.kind,
          en: item.text.en,
          ur: item.text.ur ?? '',
          options: item.options.map((o) => ({ key: newKey(), id: o.id, en: o.text.en, ur: o.text.ur ?? '' })),
        }))
      : [blankItem('likert')],
    countryCode: template ? countryFormValue(template.countryCode) : defaultCountry,
  };
}

/** The form's values as the request body: items in their order, keeping the ids of those already saved (their answers stay counted together). */
export function templateBody(values: TemplateValues): CreateFeedbackTemplateBody & UpdateFeedbackTemplateBody {
  return {
    title: { en: values.titleEn, ur: values.titleUr },
    items: values.items.map((item) => ({
      ...(item.id ? { id: item.id } : {}),
      kind: item.kind,
      text: { en: item.en, ur: item.ur },
      ...(item.kind === 'choice' ? { options: item.options.map((o) => ({ ...(o.id ? { id: o.id } : {}), text: { en: o.en, ur: o.ur } })) } : {}),
    })),
    ...countryCodeBody(values.countryCode),
  };
}

/**
 * A new questionnaire template, or a change of one: its title and items (agree or disagree on five
 * points, single choice with its options, a written answer), each in English and optionally Urdu,
 * reordered and removed. A template whose current version has responses is saved as its next version;
 * `onDone` learns whether that happened.
 */
export function TemplateForm({
  template,
  onDone,
  onCancel,
}: {
  template?: FeedbackTemplate;
  onDone: (saved: FeedbackTemplate, newVersion: boolean) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const user = useMe().data ?? null;
  const country = useSharedRecordCountry(user, t('questionnaires:editor.everyCountry'));
  const form = useContractForm<TemplateValues, CreateFeedbackTemplateBody>({
    initialValues: fromTemplate(template, country.initial),
    schema: 'zCreateFeedbackTemplateBody',
    toBody: templateBody,
    t,
    rules: (values) => {
      const errors: Record<string, string> = {};
      if (values.titleEn.trim() === '') errors.titleEn = t('validation.required');
      if (values.items.length === 0) errors.items = t('questionnaires:editor.noItems');
      values.items.forEach((item, i) => {
        if (item.en.trim() === '') errors[`items.${i}.en`] = t('validation.required');
        if (item.kind !== 'choice') return;
        item.options.forEach((o, j) => {
          if (o.en.trim() === '') errors[`items.${i}.options.${j}.en`] = t('validation.required');
        });
        if (item.options.length < 2 || item.options.some((o) => o.en.trim() === '')) {
          errors[`items.${i}.options`] = t('questionnaires:editor.optionsRule', { max: MAX_FEEDBACK_OPTIONS });
        }
      });
      // The schema's own problem with the items (said once, above them) only when no field says it.
      if (!errors.items && Object.keys(errors).some((key) => key.startsWith('items.'))) errors.items = t('questionnaires:editor.itemsIncomplete');
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (body: CreateFeedbackTemplateBody & UpdateFeedbackTemplateBody) =>
      template ? api.call('updateFeedbackTemplate', { params: { id: template.id }, body }) : api.call('createFeedbackTemplate', { body }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.templates });
      onDone(saved, template !== undefined && saved.version > template.version);
    },
    onError: (error) => applyServerErrors(form, error),
  });

  const items = form.values.items;
  const scale = LIKERT_POINTS.map((point) => `${f.number(point)} ${t(`questionnaires:scale.${point}`)}`).join(' · ');
  const addItem = (kind: FeedbackItemKind) => {
    form.insertListItem('items', blankItem(kind));
    // The new item's first field, to type on at once.
    const position = items.length + 1;
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="template-item-${position}-en"]`)?.focus());
  };
  const move = (from: number, to: number) => form.reorderListItem('items', { from, to });

  return (
    <form onSubmit={form.onSubmit(() => save.mutate(templateBody(form.values)))} noValidate data-testid="template-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="template-form-error" /> : null}
        {template?.answered ? (
          <Alert color="yellow" data-testid="template-form-answered">
            {t('questionnaires:editor.answeredNotice', { version: f.number(template.version), next: f.number(template.version + 1) })}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('questionnaires:editor.titleEn')}
            required
            dir="ltr"
            lang="en"
            maxLength={TITLE_MAX}
            {...form.getInputProps('titleEn')}
            error={form.errors.titleEn ?? form.errors.title}
            data-testid="template-title-en"
          />
          <TextInput
            label={t('questionnaires:editor.titleUr')}
            description={t('questionnaires:editor.urHelp')}
            dir="rtl"
            lang="ur"
            maxLength={TITLE_MAX}
            {...form.getInputProps('titleUr')}
            data-testid="template-title-ur"
          />
        </SimpleGrid>
        {country.choose ? (
          <Select
            label={t('questionnaires:editor.country')}
            data={country.options}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('common.nothingFound')}
            {...form.getInputProps('countryCode')}
            data-testid="template-country"
          />
        ) : null}
        <Stack gap={4}>
          <Text fw={600}>{t('questionnaires:editor.items')}</Text>
          <Text size="xs" c="dimmed">
            {t('questionnaires:editor.itemsHelp')}
          </Text>
        </Stack>
        {items.map((item, i) => (
          <ItemCard
            key={item.key}
            item={item}
            index={i}
            count={items.length}
            scale={scale}
            form={form}
            onMove={move}
            onRemove={() => form.removeListItem('items', i)}
          />
        ))}
        {form.errors.items ? (
          <Text c="red" size="sm" role="alert" data-testid="template-items-error">
            {form.errors.items}
          </Text>
        ) : null}
        {items.length < MAX_FEEDBACK_ITEMS ? (
          <Group gap="xs" data-testid="template-add">
            <Text size="sm">{t('questionnaires:editor.add')}</Text>
            {(['likert', 'choice', 'text'] as const).map((kind) => (
              <Button key={kind} variant="light" size="xs" onClick={() => addItem(kind)} data-testid={`template-add-${kind}`}>
                {t(`questionnaires:editor.add${kind === 'likert' ? 'Likert' : kind === 'choice' ? 'Choice' : 'Text'}`)}
              </Button>
            ))}
          </Group>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="template-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="template-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Form = UseFormReturnType<TemplateValues>;

function ItemCard({
  item,
  index,
  count,
  scale,
  form,
  onMove,
  onRemove,
}: {
  item: ItemValues;
  index: number;
  count: number;
  scale: string;
  form: Form;
  onMove: (from: number, to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const n = index + 1;
  const path = `items.${index}`;
  return (
    <Card withBorder padding="sm" data-testid={`template-item-${n}`} data-kind={item.kind}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Group gap="xs" style={{ minWidth: 0 }}>
            <Text fw={700}>{t('questionnaires:editor.itemN', { n: f.number(n) })}</Text>
            <Badge variant="light" color={item.kind === 'likert' ? 'teal' : item.kind === 'choice' ? 'blue' : 'grape'}>
              {t(`feedback:kind.${item.kind}`)}
            </Badge>
          </Group>
          <Group gap={2} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              disabled={index === 0}
              onClick={() => onMove(index, index - 1)}
              aria-label={t('questionnaires:editor.moveUp', { n })}
              data-testid={`template-item-${n}-up`}
            >
              ↑
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              disabled={index === count - 1}
              onClick={() => onMove(index, index + 1)}
              aria-label={t('questionnaires:editor.moveDown', { n })}
              data-testid={`template-item-${n}-down`}
            >
              ↓
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={t('questionnaires:editor.remove', { n })}
              data-testid={`template-item-${n}-remove`}
            >
              ✕
            </ActionIcon>
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Textarea
            label={t(`questionnaires:editor.textEn.${item.kind}`)}
            required
            autosize
            minRows={1}
            dir="ltr"
            lang="en"
            maxLength={ITEM_MAX}
            {...form.getInputProps(`${path}.en`)}
            data-testid={`template-item-${n}-en`}
          />
          <Textarea
            label={t(`questionnaires:editor.textUr.${item.kind}`)}
            autosize
            minRows={1}
            dir="rtl"
            lang="ur"
            maxLength={ITEM_MAX}
            {...form.getInputProps(`${path}.ur`)}
            data-testid={`template-item-${n}-ur`}
          />
        </SimpleGrid>
        {item.kind === 'likert' ? (
          <Text size="xs" c="dimmed">
            {t('questionnaires:editor.likertHelp', { scale })}
          </Text>
        ) : null}
        {item.kind === 'text' ? (
          <Text size="xs" c="dimmed">
            {t('questionnaires:editor.textHelp', { max: f.number(MAX_FEEDBACK_TEXT) })}
          </Text>
        ) : null}
        {item.kind === 'choice' ? <Options item={item} index={index} form={form} /> : null}
        {item.id ? (
          <Text size="xs" c="dimmed">
            {t('questionnaires:editor.keptKind')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function Options({ item, index, form }: { item: ItemValues; index: number; form: Form }) {
  const { t } = useTranslation();
  const f = useFormat();
  const n = index + 1;
  const path = `items.${index}.options`;
  const error = form.errors[path];
  return (
    <Stack gap={6} data-testid={`template-item-${n}-options`}>
      <Text size="sm" fw={600}>
        {t('questionnaires:editor.options')}
      </Text>
      {item.options.map((option, j) => (
        <Group key={option.key} gap="xs" align="flex-start" wrap="nowrap" data-testid={`template-item-${n}-option-${j + 1}`}>
          <Text fw={700} w={20} mt={6} aria-hidden>
            {f.number(j + 1)}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" style={{ flex: 1, minWidth: 0 }}>
            <TextInput
              aria-label={t('questionnaires:editor.optionEn', { n: j + 1 })}
              placeholder={t('questionnaires:editor.optionEnPlaceholder')}
              dir="ltr"
              lang="en"
              maxLength={OPTION_MAX}
              {...form.getInputProps(`${path}.${j}.en`)}
              data-testid={`template-item-${n}-option-${j + 1}-en`}
            />
            <TextInput
              aria-label={t('questionnaires:editor.optionUr', { n: j + 1 })}
              placeholder={t('questionnaires:editor.optionUrPlaceholder')}
              dir="rtl"
              lang="ur"
              maxLength={OPTION_MAX}
              {...form.getInputProps(`${path}.${j}.ur`)}
              data-testid={`template-item-${n}-option-${j + 1}-ur`}
            />
          </SimpleGrid>
          {item.options.length > 2 ? (
            <ActionIcon
              variant="subtle"
              color="red"
              mt={4}
              onClick={() => form.removeListItem(path, j)}
              aria-label={t('questionnaires:editor.removeOption', { n: j + 1 })}
              data-testid={`template-item-${n}-option-${j + 1}-remove`}
            >
              ✕
            </ActionIcon>
          ) : null}
        </Group>
      ))}
      {error ? (
        <Text c="red" size="sm" data-testid={`template-item-${n}-options-error`}>
          {error}
        </Text>
      ) : null}
      {item.options.length < MAX_FEEDBACK_OPTIONS ? (
        <Button
          variant="subtle"
          size="xs"
          onClick={() => form.insertListItem(path, blankOption())}
          style={{ alignSelf: 'flex-start' }}
          data-testid={`template-item-${n}-option-add`}
        >
          {t('questionnaires:editor.addOption')}
        </Button>
      ) : null}
    </Stack>
  );
}
