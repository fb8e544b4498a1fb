import { Fragment, type ReactNode } from 'react';
import { Empty, Flex, Pagination, Skeleton, Typography } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorResult } from '../shell/ErrorResult.tsx';

/**
 * A phone page's paged list of cards from one query: its error (with a retry), a skeleton while it loads,
 * `empty` when it has nothing, else `header`, a card an item and the simple pager when there is more than
 * one page. While the next page loads the previous one stays, dimmed (the query keeps previous data).
 */
export function PagedCards<T extends { id: string }>({
  query,
  page,
  pageSize,
  onPage,
  card,
  empty,
  header,
  showBusy = false,
}: {
  query: UseQueryResult<{ items: T[]; total: number }>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  card: (item: T) => ReactNode;
  empty: ReactNode;
  header?: ReactNode;
  /** Marks the list aria-busy while the query fetches. */
  showBusy?: boolean;
}) {
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Skeleton active />;
  const { items, total } = query.data;
  if (items.length === 0) return empty;
  return (
    <Flex
      vertical
      gap={8}
      {...(showBusy ? { 'aria-busy': query.isFetching } : {})}
      style={{ opacity: query.isPlaceholderData ? 0.6 : 1 }}
    >
      {header}
      {items.map((item) => (
        <Fragment key={item.id}>{card(item)}</Fragment>
      ))}
      {total > pageSize && (
        <Pagination
          simple
          align="center"
          current={page}
          pageSize={pageSize}
          total={total}
          onChange={onPage}
        />
      )}
    </Flex>
  );
}

/** Nothing to show, and a second line on what to do about it. */
export function EmptyWithHint({ text, hint }: { text: ReactNode; hint: ReactNode }) {
  return (
    <Empty
      description={
        <Flex vertical gap={4}>
          <span>{text}</span>
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </Flex>
      }
    />
  );
}
