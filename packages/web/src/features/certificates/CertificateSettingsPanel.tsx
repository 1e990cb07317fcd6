// Components only this panel uses: their styles come with it, not with every signed-in page.
import '@mantine/core/styles/Image.css';
import '@mantine/core/styles/FloatingIndicator.css';
import '@mantine/core/styles/SegmentedControl.css';
import { useState } from 'react';
import { ActionIcon, Alert, Button, Card, Collapse, FileButton, Group, Image, SegmentedControl, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CertificatePrinting, CertificateSettings, Event, UpdateCertificateSettingsBody } from '@hifazat/contract';
import { certificateLogoTypes, certificatePrintings, MAX_CERTIFICATE_LOGOS } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { api, uploadForm } from '../../lib/api';
import { certificateKeys, useCertificateSettings } from './certificates.queries';
import './strings';

/** The event's certificate settings: a one-line summary, and for those who may change them, the form. */
export function CertificateSettingsPanel({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const settings = useCertificateSettings(event.id);
  const [open, setOpen] = useState(false);
  if (settings.isPending) return <PageLoader />;
  if (settings.error) return <ErrorAlert error={settings.error} />;
  const s = settings.data;
  const kinds = [s.training ? t('certificates:kind.training') : null, s.participation ? t('certificates:kind.participation') : null].filter(
    (k): k is string => k !== null,
  );
  return (
    <Card withBorder padding="sm" data-testid="certificate-settings">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Title order={3} fz="md">
            {t('certificates:settings.title')}
          </Title>
          <Text size="sm" c="dimmed" data-testid="certificate-settings-summary">
            {kinds.length === 0
              ? t('certificates:settings.none')
              : t('certificates:settings.summary', {
                  kinds: kinds.join(t('common.listSeparator')),
                  printing: t(`certificates:printing.${s.printing}`),
                })}
          </Text>
          <Text size="sm" c="dimmed" dir="auto">
            {s.programmeName ?? s.defaultProgrammeName}
          </Text>
        </Stack>
        {editable ? (
          <Button variant="default" size="xs" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="certificate-settings-edit">
            {t('certificates:settings.edit')}
          </Button>
        ) : null}
      </Group>
      {editable ? (
        <Collapse expanded={open}>
          {/* Mounted while open only: the form starts from the settings as they are now. */}
          {open ? <SettingsForm event={event} settings={s} onDone={() => setOpen(false)} /> : null}
        </Collapse>
      ) : null}
    </Card>
  );
}

function SettingsForm({ event, settings, onDone }: { event: Event; settings: CertificateSettings; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [training, setTraining] = useState(settings.training);
  const [participation, setParticipation] = useState(settings.participation);
  const [printing, setPrinting] = useState<CertificatePrinting>(settings.printing);
  const [programmeName, setProgrammeName] = useState(settings.programmeName ?? '');
  const key = certificateKeys.settings(event.id);
  const save = useMutation({
    mutationFn: (body: UpdateCertificateSettingsBody) => api.call('updateCertificateSettings', { params: { id: event.id }, body }),
    onSuccess: (next) => queryClient.setQueryData(key, next),
  });
  const upload = useMutation({
    mutationFn: (file: File) => api.call('uploadCertificateLogo', { params: { id: event.id }, body: uploadForm(file) }),
    onSuccess: (next) => queryClient.setQueryData(key, next),
  });
  const removeLogo = (logoId: string) => save.mutate({ logoIds: settings.logos.filter((l) => l.id !== logoId).map((l) => l.id) });

  return (
    <Stack gap="sm" mt="sm" data-testid="certificate-settings-form">
      <Switch
        checked={training}
        onChange={(e) => setTraining(e.currentTarget.checked)}
        label={t('certificates:settings.training')}
        data-testid="certificate-settings-training"
      />
      <Switch
        checked={participation}
        onChange={(e) => setParticipation(e.currentTarget.checked)}
        label={t('certificates:settings.participation')}
        data-testid="certificate-settings-participation"
      />
      {!training && !participation ? (
        <Alert color="yellow" p="xs">
          {t('certificates:settings.bothOff')}
        </Alert>
      ) : null}
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('certificates:settings.printing')}
        </Text>
        <SegmentedControl
          value={printing}
          onChange={(v) => setPrinting(certificatePrintings.find((p) => p === v) ?? printing)}
          data={certificatePrintings.map((p) => ({ value: p, label: t(`certificates:printing.${p}`) }))}
          style={{ alignSelf: 'flex-start' }}
          data-testid="certificate-settings-printing"
        />
      </Stack>
      <TextInput
        label={t('certificates:settings.programmeName')}
        description={t('certificates:settings.programmeNameHelp', { name: settings.defaultProgrammeName })}
        placeholder={settings.defaultProgrammeName}
        value={programmeName}
        onChange={(e) => setProgrammeName(e.currentTarget.value)}
        maxLength={200}
        dir="auto"
        data-testid="certificate-settings-programme"
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t('certificates:settings.logos')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('certificates:settings.logosHelp', { max: MAX_CERTIFICATE_LOGOS })}
        </Text>
        <Group gap="xs" data-testid="certificate-logos">
          {settings.logos.map((logo, index) => (
            <Group key={logo.id} gap={2} wrap="nowrap" p={4} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 4 }}>
              <Image
                src={api.href('certificateLogo', { params: { id: event.id, logoId: logo.id } })}
                alt={t('certificates:settings.logoAlt', { n: index + 1 })}
                h={40}
                w="auto"
                fit="contain"
              />
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => removeLogo(logo.id)}
                aria-label={t('certificates:settings.removeLogo')}
                title={t('certificates:settings.removeLogo')}
                data-testid="certificate-logo-remove"
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {settings.logos.length < MAX_CERTIFICATE_LOGOS ? (
            <FileButton onChange={(file) => file && upload.mutate(file)} accept={certificateLogoTypes.join(',')}>
              {(props) => (
                <Button {...props} variant="light" size="xs" loading={upload.isPending} data-testid="certificate-logo-add">
                  {t('certificates:settings.addLogo')}
                </Button>
              )}
            </FileButton>
          ) : null}
        </Group>
        <ErrorAlert error={upload.error} />
      </Stack>
      <ErrorAlert error={save.error} />
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          loading={save.isPending}
          data-testid="certificate-settings-save"
          onClick={() =>
            save.mutate(
              { training, participation, printing, programmeName: programmeName.trim() === '' ? null : programmeName.trim() },
              {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: t('certificates:settings.saved') });
                  onDone();
                },
              },
            )
          }
        >
          {t('certificates:settings.save')}
        </Button>
      </Group>
    </Stack>
  );
}
