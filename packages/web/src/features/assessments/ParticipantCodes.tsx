import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from '../../i18n';
import type { Event, ParticipantCodes as Codes } from '@hifazat/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageLoader } from '../../components/PageLoader';
import { useFormat } from '../../lib/format';
import { useParticipantCodes } from './assessments.queries';
import './assessments.css';
import './strings';

/** A CSV cell: quoted when it holds a separator, a quote or a line break; a leading formula sign neutralised (OWASP, CSV injection). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The codes as a CSV file (UTF-8 with a byte-order mark, so that Excel reads Urdu names right). */
function codesCsv(codes: Codes, header: [string, string]): string {
  return `\uFEFF${[header, ...codes.items.map((c) => [c.fullName, c.code] as const)].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function CodesTable({ codes, withSignature }: { codes: Codes; withSignature: boolean }) {
  const { t } = useTranslation();
  return (
    <Table withTableBorder withColumnBorders data-testid={withSignature ? undefined : 'codes-table'}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={40}>#</Table.Th>
          <Table.Th>{t('person.fullName')}</Table.Th>
          <Table.Th>{t('assessments:codes.code')}</Table.Th>
          {withSignature ? <Table.Th w="30%">{t('assessments:codes.signature')}</Table.Th> : null}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {codes.items.map((c, i) => (
          <Table.Tr key={c.personId} data-testid={withSignature ? undefined : `code-row-${c.personId}`}>
            <Table.Td className="num">{i + 1}</Table.Td>
            <Table.Td dir="auto">{c.fullName}</Table.Td>
            <Table.Td>
              <span className="ltr-data code-cell" data-testid={withSignature ? undefined : `code-${c.personId}`}>
                {c.code}
              </span>
            </Table.Td>
            {withSignature ? <Table.Td /> : null}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * The participants' personal codes (made by the server on first request): shown, printed as an
 * attendance sheet with a column to sign, or downloaded. A participant types theirs on the test page
 * instead of picking their name.
 */
export function ParticipantCodes({ event }: { event: Event }) {
  const { t } = useTranslation();
  const f = useFormat();
  const codes = useParticipantCodes(event.id, true);
  const [printing, setPrinting] = useState(false);

  useEffect(() => {
    if (!printing) return undefined;
    // The sheet alone is printed: everything else on the page is left out while it prints.
    document.body.classList.add('printing-sheet');
    const done = () => setPrinting(false);
    window.addEventListener('afterprint', done);
    const timer = window.setTimeout(() => window.print(), 50);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('afterprint', done);
      document.body.classList.remove('printing-sheet');
    };
  }, [printing]);

  if (codes.isPending) return <PageLoader />;
  if (codes.error) return <ErrorAlert error={codes.error} />;
  const data = codes.data;
  const csv = codesCsv(data, [t('person.fullName'), t('assessments:codes.code')]);
  return (
    <Stack data-testid="codes">
      <Text size="sm" c="dimmed">
        {t('assessments:codes.help')}
      </Text>
      {data.hidden > 0 ? (
        <Text size="sm" c="dimmed">
          {t('assessments:codes.hidden', { n: f.number(data.hidden) })}
        </Text>
      ) : null}
      <Group gap="xs">
        <Button onClick={() => setPrinting(true)} data-testid="codes-print">
          {t('assessments:codes.print')}
        </Button>
        <Button
          variant="default"
          component="a"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
          download={`participant-codes-${event.startDate}.csv`}
          data-testid="codes-download"
        >
          {t('assessments:codes.download')}
        </Button>
      </Group>
      {data.items.length === 0 ? <Text c="dimmed">{t('participants.none')}</Text> : <CodesTable codes={data} withSignature={false} />}
      {printing
        ? createPortal(
            <div className="print-sheet" data-testid="codes-print-sheet">
              <h2 dir="auto">{event.title}</h2>
              <p>
                {f.dateRange(event.startDate, event.endDate)} · {t('assessments:codes.sheetTitle')}
              </p>
              <p>{t('assessments:codes.sheetHelp')}</p>
              <CodesTable codes={data} withSignature />
            </div>,
            document.body,
          )
        : null}
    </Stack>
  );
}
