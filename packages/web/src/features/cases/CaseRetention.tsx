import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CaseDetail, CaseExport } from '@hifazat/contract';
import { useTranslation } from '../../i18n';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api } from '../../lib/api';
import { caseKeys } from './cases.queries';
import './strings';

/** The archive's bytes from the API's base64. */
export function archiveBytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Whether the typed reference is the case's (spaces and letter case aside, as people copy it). */
export const referenceMatches = (typed: string, reference: string): boolean => typed.trim().toUpperCase() === reference.toUpperCase();

/** The archive as a link to save, for as long as it is shown. */
function useArchiveLink(made: CaseExport | null): string | null {
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    if (!made) return undefined;
    const url = URL.createObjectURL(new Blob([archiveBytes(made.archive)], { type: 'application/zip' }));
    setHref(url);
    return () => {
      URL.revokeObjectURL(url);
      setHref(null);
    };
  }, [made]);
  return href;
}

/**
 * A person's request to have their data (a supervisor): an AES-256 ZIP and its password, which the
 * server keeps no copy of — shown here once, with a copy button and the file to save. Closing forgets both.
 */
export function ExportModal({ record, opened, onClose }: { record: CaseDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [copied, setCopied] = useState(false);
  const make = useMutation({
    mutationFn: () => api.call('exportCase', { params: { id: record.id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: caseKeys.history(record.id) }),
  });
  const made = make.data ?? null;
  const href = useArchiveLink(made);
  const close = () => {
    make.reset();
    setCopied(false);
    onClose();
  };
  return (
    <AppModal opened={opened} onClose={close} title={t('cases:export.title')} data-testid="case-export-modal">
      <Stack gap="sm">
        {made ? (
          <>
            <Alert color="red" variant="light" title={t('cases:export.onceTitle')} data-testid="case-export-once">
              {t('cases:export.once')}
            </Alert>
            <Text size="sm" fw={600}>
              {t('cases:export.password')}
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code fz="lg" dir="ltr" style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }} data-testid="case-export-password">
                {made.password}
              </Code>
              <Button
                variant="light"
                size="compact-md"
                style={{ flexShrink: 0 }}
                onClick={() => void navigator.clipboard?.writeText(made.password).then(() => setCopied(true))}
                data-testid="case-export-copy"
              >
                {copied ? t('cases:export.copied') : t('cases:export.copy')}
              </Button>
            </Group>
            {href ? (
              <Anchor href={href} download={made.fileName} fw={600} data-testid="case-export-download" style={{ overflowWrap: 'anywhere' }}>
                {t('cases:export.download', { file: made.fileName })}
              </Anchor>
            ) : null}
            <Text size="sm" c="dimmed">
              {t('cases:export.apart')}
            </Text>
            <Group justify="flex-end">
              <Button onClick={close} data-testid="case-export-close">
                {t('cases:export.done')}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text size="sm">{t('cases:export.explain')}</Text>
            <Alert color="yellow" variant="light">
              {t('cases:export.onceBefore')}
            </Alert>
            <ErrorAlert error={make.error} testId="case-export-error" />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button onClick={() => make.mutate()} loading={make.isPending} data-testid="case-export-make">
                {t('cases:export.make')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </AppModal>
  );
}

/**
 * Erasing a person's data on their request (a supervisor): confirmed by typing the case's reference, as
 * nothing can bring the data back. The case stays, counted, without what identified the person.
 */
export function EraseModal({ record, opened, onClose }: { record: CaseDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const erase = useMutation({
    mutationFn: () => api.call('eraseCase', { params: { id: record.id }, body: { confirmReference: typed.trim().toUpperCase() } }),
    onSuccess: (erased) => {
      queryClient.setQueryData(caseKeys.one(record.id), erased);
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      close();
    },
  });
  const close = () => {
    setTyped('');
    erase.reset();
    onClose();
  };
  const matches = referenceMatches(typed, record.reference);
  return (
    <AppModal opened={opened} onClose={close} title={t('cases:erase.title')} data-testid="case-erase-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (matches) erase.mutate();
        }}
      >
        <Stack gap="sm">
          <Alert color="red" variant="light">
            {t('cases:erase.explain')}
          </Alert>
          <TextInput
            label={t('cases:erase.type', { reference: record.reference })}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            dir="ltr"
            autoComplete="off"
            data-testid="case-erase-reference"
          />
          <ErrorAlert error={erase.error} testId="case-erase-error" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" disabled={!matches} loading={erase.isPending} data-testid="case-erase-submit">
              {t('cases:erase.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
