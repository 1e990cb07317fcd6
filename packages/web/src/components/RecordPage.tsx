import { useState, type ReactNode } from 'react';
import { Group, Tabs, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from '../i18n';
import { useHistory, type HistoryRoute } from '../lib/queries';
import { ErrorAlert } from './ErrorAlert';
import { HistoryList } from './HistoryList';
import { PageHeader } from './PageHeader';
import { PageLoader } from './PageLoader';

/** A record's page while it loads: the loader, the error, or the page made of the record. */
export function RecordBoundary<T>({ query, children }: { query: UseQueryResult<T>; children: (record: T) => ReactNode }) {
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  return <>{children(query.data)}</>;
}

export type RecordTab = { value: string; label: ReactNode; testId: string; content: ReactNode };

export type RecordPageProps = {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Shown before the subtitle (a status). */
  badges?: ReactNode;
  actions?: ReactNode;
  /** The record's details, between the header and the tabs. */
  children?: ReactNode;
  /** The tabs before "History"; with none, the history follows the details under its own heading. */
  tabs?: RecordTab[];
  /** The open tab, when the page decides it (e.g. back to participants after an import). */
  tab?: string;
  onTabChange?: (tab: string) => void;
  /** The record's history: its query key, the route that answers it and the record's id; loaded when its tab opens. */
  history: { queryKey: readonly unknown[]; route: HistoryRoute; id: string };
  /** Modals. */
  footer?: ReactNode;
};

/** A record's page: header (title, badges, actions), details, tabs, and the history tab. */
export function RecordPage(props: RecordPageProps) {
  const { t } = useTranslation();
  const tabs = props.tabs ?? [];
  const [ownTab, setOwnTab] = useState<string>(tabs[0]?.value ?? 'history');
  const tab = props.tab ?? ownTab;
  const changeTab = (value: string | null) => {
    if (!value) return;
    setOwnTab(value);
    props.onTabChange?.(value);
  };
  const subtitle = props.badges ? (
    <Group gap="xs" component="span">
      {props.badges}
      {props.subtitle}
    </Group>
  ) : (
    props.subtitle
  );

  return (
    <>
      <PageHeader title={props.title} subtitle={subtitle} actions={props.actions} />
      {props.children}
      {tabs.length === 0 ? (
        <>
          <Title order={4} mb="sm">
            {t('event.tabHistory')}
          </Title>
          <RecordHistory {...props.history} enabled />
        </>
      ) : (
        <div id="record-tabs" style={{ scrollMarginTop: 72 }}>
          <Tabs value={tab} onChange={changeTab} keepMounted={false}>
            <Tabs.List style={{ flexWrap: 'wrap' }}>
              {tabs.map((item) => (
                <Tabs.Tab key={item.value} value={item.value} data-testid={item.testId}>
                  {item.label}
                </Tabs.Tab>
              ))}
              <Tabs.Tab value="history" data-testid="tab-history">
                {t('event.tabHistory')}
              </Tabs.Tab>
            </Tabs.List>
            {tabs.map((item) => (
              <Tabs.Panel key={item.value} value={item.value} pt="md">
                {item.content}
              </Tabs.Panel>
            ))}
            <Tabs.Panel value="history" pt="md">
              <RecordHistory {...props.history} enabled={tab === 'history'} />
            </Tabs.Panel>
          </Tabs>
        </div>
      )}
      {props.footer}
    </>
  );
}

function RecordHistory({ queryKey, route, id, enabled }: { queryKey: readonly unknown[]; route: HistoryRoute; id: string; enabled: boolean }) {
  const history = useHistory(queryKey, route, id, enabled);
  return <HistoryList items={history.data?.items} isPending={history.isPending} error={history.error} />;
}
