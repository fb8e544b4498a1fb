import { useState } from 'react';
import { App, Empty, Flex, Pagination, Skeleton, Typography } from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getMyRecords, recordKeys, requestCorrection, type RecordView } from './api.ts';
import { CorrectionModal } from './CorrectionModal.tsx';
import { myRecordMessages } from './my.messages.ts';
import { MyRecordCard } from './MyRecordCard.tsx';
import { StarCard } from './StarCard.tsx';
import { TotalsCard } from './TotalsCard.tsx';

const PAGE_SIZE = 10;

/** /m/records — my record card: totals, stars by hours, my records with their computation, corrections. */
export default function MyRecordsPage() {
  const t = useMessages(myRecordMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const q = useQuery({
    queryKey: [...recordKeys.mine, page],
    queryFn: ({ signal }) => getMyRecords(page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const [correcting, setCorrecting] = useState<RecordView | null>(null);

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : (
        <>
          <TotalsCard totals={q.data.totals} />
          <StarCard totals={q.data.totals} />
          {q.data.items.length === 0 ? (
            <Empty
              description={
                <Flex vertical gap={8} align="center">
                  <span>{t.empty}</span>
                  <Typography.Text type="secondary">{t.emptyHint}</Typography.Text>
                </Flex>
              }
            />
          ) : (
            <Flex vertical gap={8} style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}>
              {q.data.items.map((r) => (
                <MyRecordCard key={r.id} r={r} onCorrect={setCorrecting} />
              ))}
              {q.data.total > PAGE_SIZE && (
                <Pagination
                  simple
                  align="center"
                  current={page}
                  pageSize={PAGE_SIZE}
                  total={q.data.total}
                  onChange={(p) => setParams(p > 1 ? { page: String(p) } : {})}
                />
              )}
            </Flex>
          )}
        </>
      )}
      <CorrectionModal
        record={correcting}
        onSubmit={async (minutes, reason) => {
          await requestCorrection(correcting!.id, minutes, reason);
          void message.success(t.submitted);
          void qc.invalidateQueries({ queryKey: recordKeys.mine });
        }}
        onClose={() => setCorrecting(null)}
      />
    </Flex>
  );
}
