import type { ReactNode } from 'react';
import { Card, Group, Stack, Table, Text, type SimpleGridProps } from '@mantine/core';
import type { InfiniteData, UseInfiniteQueryResult, UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from '../i18n';
import type { Page } from '@hifazat/contract';
import { usePhone } from '../lib/media';
import { ErrorAlert } from './ErrorAlert';
import { FilterPanel } from './FilterPanel';
import { LoadMore } from './LoadMore';
import { PageHeader } from './PageHeader';
import { PageLoader } from './PageLoader';
import { SearchInput } from './SearchInput';
import { WideTable } from './WideTable';

/** One column of a list: its header and cell, and how the cell sits in the table. */
export type Column<T> = {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: 'end';
  nowrap?: boolean;
  maw?: number;
  fw?: number;
  className?: string;
};

/** What a list page shows: the rows so far and where loading stands. */
export type ListState<T> = {
  items: T[];
  isPending: boolean;
  error: unknown;
  hasNextPage?: boolean;
  isFetchingNextPage?: boolean;
  fetchNextPage?: () => unknown;
};

/** The rows of a cursor-paginated query (all pages loaded so far) with its "Load more". */
export function pagedListState<T>(query: UseInfiniteQueryResult<InfiniteData<Page<T>>>): ListState<T> {
  return {
    items: query.data?.pages.flatMap((p) => p.items) ?? [],
    isPending: query.isPending,
    error: query.error,
    hasNextPage: query.hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    fetchNextPage: query.fetchNextPage,
  };
}

/** The rows of a query that answers one page with everything (a few hundred at most). */
export function singlePageState<T>(query: UseQueryResult<Page<T>>): ListState<T> {
  return { items: query.data?.items ?? [], isPending: query.isPending, error: query.error };
}

export type ListPageProps<T> = {
  /** Prefix of the list's test ids: `<testId>-filters`, `-filter-q`, `-filter-clear`, `-table`, `-cards`, `-empty`, `-load-more`. */
  testId: string;
  title: ReactNode;
  /** A line under the title: what the list is. */
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** The text search, always in sight (on a phone too, where the other filters fold away). */
  search?: { value: string; onChange: (value: string) => void };
  /** The other filter fields. */
  filters?: ReactNode;
  /** How many of `filters` are set. */
  activeFilters?: number;
  onClearFilters?: () => void;
  filterCols?: SimpleGridProps['cols'];
  list: ListState<T>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** Attributes on each row and card, e.g. `data-testid` and `data-event-id`. */
  rowProps?: (row: T) => Record<string, string>;
  /** The row on a phone; by default the first column, then the others as "header: value". */
  card?: (row: T) => ReactNode;
  emptyText: ReactNode;
  tableMinWidth: number;
  highlightOnHover?: boolean;
  /** Modals and anything else the page needs. */
  children?: ReactNode;
};

/**
 * A list page: header, filters (search always visible), the rows as a table on wide screens and as
 * cards on a phone, loading, empty and error states, and "Load more" for the next page.
 */
export function ListPage<T>(props: ListPageProps<T>) {
  const { t } = useTranslation();
  const { list, columns, testId } = props;
  const hasFilters = props.search !== undefined || props.filters !== undefined;

  let body: ReactNode;
  if (list.isPending) {
    body = <PageLoader />;
  } else if (list.items.length === 0) {
    body = list.error ? null : (
      <Text c="dimmed" data-testid={`${testId}-empty`}>
        {props.emptyText}
      </Text>
    );
  } else {
    body = (
      <DataTable
        rows={list.items}
        columns={columns}
        rowKey={props.rowKey}
        rowProps={props.rowProps}
        card={props.card}
        minWidth={props.tableMinWidth}
        highlightOnHover={props.highlightOnHover}
        testId={testId}
      />
    );
  }

  return (
    <>
      <PageHeader title={props.title} subtitle={props.subtitle} actions={props.actions} />
      {hasFilters ? (
        <FilterPanel
          active={props.activeFilters ?? 0}
          testId={`${testId}-filters`}
          cols={props.filterCols}
          clear={props.onClearFilters ? { onClick: props.onClearFilters, testId: `${testId}-filter-clear` } : undefined}
          search={
            props.search ? (
              <SearchInput label={t('common.search')} value={props.search.value} onChange={props.search.onChange} testId={`${testId}-filter-q`} />
            ) : undefined
          }
        >
          {props.filters}
        </FilterPanel>
      ) : null}
      <ErrorAlert error={list.error} />
      {body}
      {list.fetchNextPage ? (
        <LoadMore
          hasNextPage={list.hasNextPage ?? false}
          isFetchingNextPage={list.isFetchingNextPage ?? false}
          fetchNextPage={list.fetchNextPage}
          testId={`${testId}-load-more`}
        />
      ) : null}
      {props.children}
    </>
  );
}

export type DataTableProps<T> = {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => Record<string, string>;
  card?: (row: T) => ReactNode;
  /** Below this width the table scrolls inside its own box (wide screens only: phones get cards). */
  minWidth: number;
  highlightOnHover?: boolean;
  /** `<testId>-table` on wide screens, `<testId>-cards` on a phone. */
  testId: string;
};

/** Rows as a table on wide screens and as cards on a phone, made once for every list. */
export function DataTable<T>(props: DataTableProps<T>) {
  const phone = usePhone();
  const { columns, testId } = props;
  if (phone) {
    return (
      <Stack gap="xs" data-testid={`${testId}-cards`}>
        {props.rows.map((row) => (
          <Card key={props.rowKey(row)} withBorder padding="sm" {...props.rowProps?.(row)}>
            {props.card ? props.card(row) : <DefaultCard row={row} columns={columns} />}
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <WideTable minWidth={props.minWidth}>
      <Table striped highlightOnHover={props.highlightOnHover ?? true} data-testid={`${testId}-table`}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} ta={c.align}>
                {c.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.rows.map((row) => (
            <Table.Tr key={props.rowKey(row)} {...props.rowProps?.(row)}>
              {columns.map((c) => (
                <Table.Td key={c.key} ta={c.align} maw={c.maw} fw={c.fw} className={c.className} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                  {c.cell(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

/** A phone card made of the columns: the first one as the title, then "header: value" lines; header-less columns (actions) last. */
function DefaultCard<T>({ row, columns }: { row: T; columns: Column<T>[] }) {
  const [first, ...rest] = columns;
  const labelled = rest.filter((c) => c.header !== null && c.header !== undefined && c.header !== '');
  const actions = rest.filter((c) => !labelled.includes(c));
  return (
    <Stack gap={2}>
      {first ? (
        <div className="card-value" style={{ fontWeight: 600 }}>
          {first.cell(row)}
        </div>
      ) : null}
      {labelled.map((c) => (
        <Group key={c.key} gap={4} wrap="wrap" fz="sm">
          <Text span size="sm" c="dimmed">
            {c.header}:
          </Text>
          <Text span size="sm" component="span" className="card-value">
            {c.cell(row)}
          </Text>
        </Group>
      ))}
      {actions.map((c) => (
        <div key={c.key}>{c.cell(row)}</div>
      ))}
    </Stack>
  );
}
