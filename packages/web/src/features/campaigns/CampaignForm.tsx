import { Autocomplete, Button, Group, MultiSelect, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { PAKISTAN_PROVINCES, campaignLanguages, campaignTargetGroups, type Campaign, type CreateCampaignBody } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { useCountryOptions } from '../../lib/countries';
import { applyServerErrors, useContractForm } from '../../lib/forms';
import { asEnum, enumOptions, provinceLabel } from '../../lib/options';
import { organizationLabel } from '../../lib/organizations';
import { keys } from '../../lib/queries';
import { useFormat } from '../../lib/format';
import { useMe } from '../auth/session';
import { useOrganizationOptions } from '../organizations/organizations.queries';
import { useProgrammeOptions } from '../programmes/programmes.queries';
import { campaignSummaryKey, useNeedsAssessmentOptions } from './campaigns.queries';
import './strings';

type Values = {
  programmeId: string;
  countryCode: string;
  title: string;
  province: string;
  district: string;
  area: string;
  startDate: string;
  endDate: string;
  partnerIds: string[];
  otherPartners: string;
  targetGroups: string[];
  targetGroupsOther: string;
  languages: string[];
  needsAssessmentId: string;
  notes: string;
};

function toBody(v: Values): CreateCampaignBody {
  return {
    programmeId: v.programmeId,
    countryCode: v.countryCode,
    title: v.title,
    province: v.province,
    district: v.district,
    area: v.area,
    startDate: v.startDate,
    endDate: v.endDate,
    partnerIds: v.partnerIds,
    otherPartners: v.otherPartners,
    targetGroups: v.targetGroups.flatMap((g) => asEnum(campaignTargetGroups, g) ?? []),
    targetGroupsOther: v.targetGroupsOther,
    languages: v.languages.flatMap((l) => asEnum(campaignLanguages, l) ?? []),
    needsAssessmentId: v.needsAssessmentId || null,
    notes: v.notes,
  };
}

/** A new campaign, or changes to one; `onDone` gets the campaign's id. */
export default function CampaignForm({ campaign, onDone, onCancel }: { campaign?: Campaign; onDone: (id: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const queryClient = useQueryClient();
  const me = useMe();
  const programmes = useProgrammeOptions();
  const organizations = useOrganizationOptions();
  const assessments = useNeedsAssessmentOptions();
  const allCountries = useCountryOptions();
  const userCountries = me.data?.countries ?? null;
  const countries = userCountries === null ? allCountries : allCountries.filter((c) => userCountries.includes(c.value));
  const form = useContractForm<Values, CreateCampaignBody>({
    initialValues: {
      programmeId: campaign?.programmeId ?? '',
      countryCode: campaign?.countryCode ?? userCountries?.[0] ?? 'PK',
      title: campaign?.title ?? '',
      province: campaign?.province ?? '',
      district: campaign?.district ?? '',
      area: campaign?.area ?? '',
      startDate: campaign?.startDate ?? '',
      endDate: campaign?.endDate ?? '',
      partnerIds: campaign?.partners.map((p) => p.id) ?? [],
      otherPartners: campaign?.otherPartners ?? '',
      targetGroups: campaign?.targetGroups ?? [],
      targetGroupsOther: campaign?.targetGroupsOther ?? '',
      languages: campaign?.languages ?? [],
      needsAssessmentId: campaign?.needsAssessment?.id ?? '',
      notes: campaign?.notes ?? '',
    },
    schema: 'zCreateCampaignBody',
    toBody,
    t,
  });
  const save = useMutation({
    mutationFn: (body: CreateCampaignBody) =>
      campaign ? api.call('updateCampaign', { params: { id: campaign.id }, body }) : api.call('createCampaign', { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(keys.campaign(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
      void queryClient.invalidateQueries({ queryKey: campaignSummaryKey });
      void queryClient.invalidateQueries({ queryKey: keys.campaignHistory(saved.id) });
      onDone(saved.id);
    },
    onError: (error) => applyServerErrors(form, error),
  });
  const assessmentOptions = (assessments.data?.items ?? [])
    .filter((a) => a.countryCode === form.values.countryCode)
    .map((a) => ({ value: a.id, label: `${a.area} (${f.date(a.assessedOn)})` }));

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(toBody(values)))} noValidate data-testid="campaign-form">
      <Stack>
        {save.error ? <ErrorAlert error={save.error} testId="campaign-form-error" /> : null}
        <TextInput label={t('campaigns:campaignTitle')} required {...form.getInputProps('title')} data-testid="campaign-form-title" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('campaigns:programme')}
            required
            data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            searchable
            {...form.getInputProps('programmeId')}
            data-testid="campaign-form-programme"
          />
          <Select
            label={t('campaigns:country')}
            required
            data={countries}
            searchable
            {...form.getInputProps('countryCode')}
            data-testid="campaign-form-country"
          />
          <Autocomplete
            label={t('campaigns:province')}
            data={PAKISTAN_PROVINCES.map((p) => ({ value: p, label: provinceLabel(t, p) ?? p }))}
            {...form.getInputProps('province')}
            data-testid="campaign-form-province"
          />
          <TextInput label={t('campaigns:district')} {...form.getInputProps('district')} data-testid="campaign-form-district" />
          <DateField label={t('campaigns:startDate')} required {...form.getInputProps('startDate')} testId="campaign-form-startDate" />
          <DateField
            label={t('campaigns:endDate')}
            required
            {...form.getInputProps('endDate')}
            minDate={form.values.startDate || undefined}
            testId="campaign-form-endDate"
          />
        </SimpleGrid>
        <TextInput label={t('campaigns:area')} {...form.getInputProps('area')} data-testid="campaign-form-area" />
        <MultiSelect
          label={t('campaigns:partners')}
          data={(organizations.data?.items ?? []).map((o) => ({ value: o.id, label: organizationLabel(o) }))}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          {...form.getInputProps('partnerIds')}
          data-testid="campaign-form-partners"
        />
        <TextInput label={t('campaigns:otherPartners')} {...form.getInputProps('otherPartners')} data-testid="campaign-form-otherPartners" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MultiSelect
            label={t('campaigns:targetGroups')}
            data={enumOptions(t, 'campaigns:targetGroup', campaignTargetGroups)}
            clearable
            {...form.getInputProps('targetGroups')}
            data-testid="campaign-form-targetGroups"
          />
          <MultiSelect
            label={t('campaigns:languages')}
            data={enumOptions(t, 'campaigns:language', campaignLanguages)}
            searchable
            clearable
            {...form.getInputProps('languages')}
            data-testid="campaign-form-languages"
          />
        </SimpleGrid>
        {form.values.targetGroups.includes('other') ? (
          <TextInput label={t('campaigns:targetGroupsOther')} {...form.getInputProps('targetGroupsOther')} data-testid="campaign-form-targetGroupsOther" />
        ) : null}
        <Select
          label={t('campaigns:needsAssessment')}
          data={assessmentOptions}
          clearable
          {...form.getInputProps('needsAssessmentId')}
          data-testid="campaign-form-needsAssessment"
        />
        <Textarea label={t('campaigns:notes')} autosize minRows={2} {...form.getInputProps('notes')} data-testid="campaign-form-notes" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-testid="campaign-form-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="campaign-form-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
