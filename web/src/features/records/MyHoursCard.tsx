import { Flex, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { getMyRecords, recordKeys } from './api.ts';
import { myRecordMessages } from './my.messages.ts';
import { TotalsCard } from './TotalsCard.tsx';

/**
 * The volunteer's hours on 我的 (their profile): the same totals as 我的记录, with a way there. Shares the
 * records page's query key, so confirming hours refreshes both.
 */
export function MyHoursCard() {
  const t = useMessages(myRecordMessages);
  const q = useQuery({
    queryKey: [...recordKeys.mine, 1],
    queryFn: ({ signal }) => getMyRecords(1, 10, signal),
  });
  if (q.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  // The profile stays usable without the figures; 我的记录 shows the error with a retry.
  if (q.isError) return null;
  return (
    <Flex vertical gap={4}>
      <TotalsCard totals={q.data.totals} />
      <Link
        to="/m/records"
        style={{ alignSelf: 'flex-end', minHeight: 44, display: 'inline-flex', alignItems: 'center' }}
      >
        {t.seeRecords} ›
      </Link>
    </Flex>
  );
}
