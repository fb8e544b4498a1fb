import type { ReactNode } from 'react';
import { Empty, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { UseQueryResult } from '@tanstack/react-query';
import type { Page } from '../../lib/api.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { commonMessages } from './messages.ts';

interface TableProps<T> {
  columns: ColumnsType<T>;
  onPage: (page: number, pageSize: number) => void;
  /** What the empty table says (antd's own words when not given). */
  empty?: ReactNode;
  /** Rows that open on a click. */
  onRowClick?: (row: T) => void;
  /** The total under the table, with `{n}` (else the common "共 {n} 条"). */
  totalText?: string;
  pageSizeOptions?: number[];
}

/** The console's table of one page of rows: the total, the page size to choose, scrolling sideways. */
function TableOf<T extends { id: string }>({
  rows,
  total,
  loading,
  page,
  pageSize,
  columns,
  onPage,
  empty,
  onRowClick,
  totalText,
  pageSizeOptions,
}: TableProps<T> & {
  rows: T[] | undefined;
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
}) {
  const c = useMessages(commonMessages);
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      {...(onRowClick
        ? { onRow: (r: T) => ({ onClick: () => onRowClick(r), style: { cursor: 'pointer' } }) }
        : {})}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            {...(empty !== undefined ? { description: empty } : {})}
          />
        ),
      }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        ...(pageSizeOptions ? { pageSizeOptions } : {}),
        showTotal: (n) => fmt(totalText ?? c.total, { n }),
        onChange: onPage,
      }}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** A table of the page a query answered, at the page and size the list's address asks for; its error, with a retry. */
export function QueryTable<T extends { id: string }>({
  query,
  page,
  pageSize,
  ...rest
}: TableProps<T> & { query: UseQueryResult<{ items: T[]; total: number }>; page: number; pageSize: number }) {
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <TableOf
      rows={query.data?.items}
      total={query.data?.total ?? 0}
      loading={query.isFetching}
      page={page}
      pageSize={pageSize}
      {...rest}
    />
  );
}

/** A table of a page answer (its own page and size), `defaultPageSize` rows a page until it has come. */
export function PagedTable<T extends { id: string }>({
  data,
  loading,
  defaultPageSize = 20,
  ...rest
}: TableProps<T> & { data: Page<T> | undefined; loading: boolean; defaultPageSize?: number }) {
  return (
    <TableOf
      rows={data?.items}
      total={data?.total ?? 0}
      loading={loading}
      page={data?.page ?? 1}
      pageSize={data?.pageSize ?? defaultPageSize}
      {...rest}
    />
  );
}
