import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Select, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { RECORD_STATUSES, RECORD_STATUS_NAMES } from '@yiqi/shared/contracts/records';
import { fmt, useMessages, useText } from '../../../lib/i18n.tsx';
import { AdjustModal } from '../../records/AdjustModal.tsx';
import {
  confirmRecords,
  listActivityRecords,
  recordKeys,
  type BulkResult,
  type ConfirmItem,
  type RecordStatus,
  type RecordView,
} from '../../records/api.ts';
import { SkippedResultModal } from '../../common/SkippedResultModal.tsx';
import { recordMessages } from '../../records/messages.ts';
import { RecordsTable } from '../../records/RecordsTable.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { ActivityNav, WithActivity } from './ActivityNav.tsx';
import { keys, type ActivityDetail } from './api.ts';

/** /activities/:id/records?status=…&overdue=1 — the activity's service records; confirm or adjust the drafts. */
export default function RecordsPage() {
  const { id = '' } = useParams();
  return <WithActivity id={id}>{(a) => <Records activity={a} />}</WithActivity>;
}

function Records({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(recordMessages);
  const text = useText();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = (RECORD_STATUSES as readonly string[]).includes(raw ?? '')
    ? (raw as RecordStatus)
    : undefined;
  const overdue = params.get('overdue') === '1';
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 50;
  const query = { status, overdue, page, pageSize };
  const q = useQuery({
    queryKey: [...recordKeys.activity(activity.id), query],
    queryFn: ({ signal }) => listActivityRecords(activity.id, query, signal),
    placeholderData: keepPreviousData,
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [adjusting, setAdjusting] = useState<RecordView | null>(null);
  const [result, setResult] = useState<BulkResult | null>(null);
  const rows = q.data?.items ?? [];
  const settle = (r: BulkResult) => {
    setSelected([]);
    void qc.invalidateQueries({ queryKey: keys.activity(activity.id) });
    void qc.invalidateQueries({ queryKey: ['records'] });
    if (r.skipped.length) setResult(r);
    else void message.success(fmt(t.confirmed, { n: r.done }));
  };
  const confirm = useMutation({
    mutationFn: (items: ConfirmItem[]) => confirmRecords(activity.id, items),
    onSuccess: settle,
    onError: (e) => void message.error(e.message),
  });
  const go = (next: Record<string, string | undefined>) => {
    setSelected([]);
    const merged = {
      status,
      overdue: overdue ? '1' : undefined,
      size: params.get('size') ?? undefined,
      ...next,
    };
    setParams(
      new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1]))),
    );
  };
  const busy = confirm.isPending ? confirm.variables.map((i) => i.id) : undefined;

  return (
    <Flex vertical gap={16}>
      <ActivityNav activity={activity} current="records" />
      <Card>
        <Flex gap={12} wrap align="center">
          <Select
            aria-label={t.status}
            value={status ?? ''}
            onChange={(s: string) => go({ status: s || undefined })}
            options={[
              { value: '', label: t.allStatuses },
              ...RECORD_STATUSES.map((s) => ({ value: s, label: text(RECORD_STATUS_NAMES[s]) })),
            ]}
            style={{ width: 140 }}
          />
          <Checkbox checked={overdue} onChange={(e) => go({ overdue: e.target.checked ? '1' : undefined })}>
            {t.overdueOnly}
          </Checkbox>
          <div style={{ flex: 1 }} />
          <Typography.Text type="secondary">{t.dueHint}</Typography.Text>
        </Flex>
      </Card>
      <Card>
        {q.isError ? (
          <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Flex vertical gap={12}>
            {rows.some((r) => r.overdue) && !overdue && (
              <Alert type="warning" showIcon title={t.overdueHint} />
            )}
            <Flex gap={8} align="center" wrap>
              <Typography.Text type="secondary">
                {selected.length ? fmt(t.selectedN, { n: selected.length }) : t.selectHint}
              </Typography.Text>
              <Button
                type="primary"
                icon={<CheckOutlined aria-hidden />}
                disabled={!selected.length}
                loading={confirm.isPending && (busy?.length ?? 0) > 1}
                onClick={() => confirm.mutate(selected.map((id) => ({ id })))}
                data-testid="bulk-confirm"
              >
                {t.confirmSelected}
              </Button>
            </Flex>
            <RecordsTable
              data={q.data}
              loading={q.isFetching}
              selected={selected}
              onSelect={setSelected}
              busy={busy}
              onConfirm={(r) => confirm.mutate([{ id: r.id }])}
              onAdjust={setAdjusting}
              onPage={(p, s) => go({ page: String(p), size: String(s) })}
            />
          </Flex>
        )}
      </Card>
      <AdjustModal
        record={adjusting}
        onSubmit={async (minutes, adjustReason) =>
          settle(await confirmRecords(activity.id, [{ id: adjusting!.id, minutes, adjustReason }]))
        }
        onClose={() => setAdjusting(null)}
      />
      <SkippedResultModal
        result={result}
        title={t.resultTitle}
        summary={(done, skipped) => fmt(t.resultDone, { done, skipped })}
        names={new Map(rows.map((r) => [r.id, `${r.volunteerName ?? '—'} (${r.volunteerNo})`]))}
        onClose={() => setResult(null)}
      />
    </Flex>
  );
}
