import { useState } from 'react';
import { App, Button, Card, Flex, Select, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { SIGNUP_STATUSES, SIGNUP_STATUS_NAMES } from '@yiqi/shared/contracts/activities';
import { fmt, useMessages, useText } from '../../../lib/i18n.tsx';
import { ReasonModal } from '../../common/ReasonModal.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { ActivityNav, WithActivity } from './ActivityNav.tsx';
import {
  decideSignups,
  keys,
  listSignups,
  type ActivityDetail,
  type DecisionResult,
  type SignupStatus,
} from './api.ts';
import { SkippedResultModal } from '../../common/SkippedResultModal.tsx';
import { NoShowButton } from './NoShowButton.tsx';
import { ShiftSelect } from './ShiftSelect.tsx';
import { signupMessages } from './signup.messages.ts';
import { SignupsTable } from './SignupsTable.tsx';

/** /activities/:id/signups?status=…&shift=… — who applied; accept or reject them, one by one or in bulk. */
export default function SignupsPage() {
  const { id = '' } = useParams();
  return <WithActivity id={id}>{(a) => <Signups activity={a} />}</WithActivity>;
}

function Signups({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(signupMessages);
  const text = useText();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = (SIGNUP_STATUSES as readonly string[]).includes(raw ?? '')
    ? (raw as SignupStatus)
    : undefined;
  const shiftId = params.get('shift') ?? undefined;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 50;
  const query = { status, shiftId, page, pageSize };
  const q = useQuery({
    queryKey: [...keys.signups(activity.id), query],
    queryFn: ({ signal }) => listSignups(activity.id, query, signal),
    placeholderData: keepPreviousData,
  });
  const [selected, setSelected] = useState<string[]>([]);
  const [rejecting, setRejecting] = useState<string[] | null>(null);
  const [result, setResult] = useState<DecisionResult | null>(null);
  const rows = q.data?.items ?? [];
  const settle = (r: DecisionResult) => {
    setSelected([]);
    void qc.invalidateQueries({ queryKey: keys.activity(activity.id) });
    if (r.skipped.length) setResult(r);
    else void message.success(fmt(t.decided, { n: r.done }));
  };
  const accept = useMutation({
    mutationFn: (ids: string[]) => decideSignups(activity.id, { ids, decision: 'accept' }),
    onSuccess: settle,
    onError: (e) => void message.error(e.message),
  });
  const go = (next: Record<string, string | undefined>) => {
    setSelected([]);
    const merged = { status, shift: shiftId, size: params.get('size') ?? undefined, ...next };
    setParams(
      new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1]))),
    );
  };

  return (
    <Flex vertical gap={16}>
      <ActivityNav activity={activity} current="signups" />
      <Card>
        <Flex gap={12} wrap align="center">
          <Select
            aria-label={t.status}
            value={status ?? ''}
            onChange={(s: string) => go({ status: s || undefined })}
            options={[
              { value: '', label: t.allStatuses },
              ...SIGNUP_STATUSES.map((s) => ({ value: s, label: text(SIGNUP_STATUS_NAMES[s]) })),
            ]}
            style={{ width: 140 }}
          />
          <ShiftSelect
            activity={activity}
            value={shiftId}
            onChange={(s) => go({ shift: s })}
            placeholder={t.allShifts}
            allowClear
          />
          <div style={{ flex: 1 }} />
          <NoShowButton activity={activity} />
        </Flex>
      </Card>
      <Card>
        {q.isError ? (
          <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
        ) : (
          <Flex vertical gap={12}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text type="secondary">
                {selected.length ? fmt(t.selectedN, { n: selected.length }) : t.selectHint}
              </Typography.Text>
              <Space wrap>
                <Button
                  type="primary"
                  icon={<CheckOutlined aria-hidden />}
                  disabled={!selected.length}
                  loading={accept.isPending}
                  onClick={() => accept.mutate(selected)}
                  data-testid="bulk-accept"
                >
                  {t.acceptSelected}
                </Button>
                <Button
                  danger
                  icon={<CloseOutlined aria-hidden />}
                  disabled={!selected.length}
                  onClick={() => setRejecting(selected)}
                  data-testid="bulk-reject"
                >
                  {t.rejectSelected}
                </Button>
              </Space>
            </Flex>
            <SignupsTable
              data={q.data}
              loading={q.isFetching}
              selected={selected}
              onSelect={setSelected}
              busy={accept.isPending ? accept.variables : undefined}
              onAccept={(row) => accept.mutate([row.id])}
              onReject={(row) => setRejecting([row.id])}
              onPage={(p, s) => go({ page: String(p), size: String(s) })}
            />
          </Flex>
        )}
      </Card>
      <ReasonModal
        open={rejecting !== null}
        title={fmt(t.rejectTitle, { n: rejecting?.length ?? 0 })}
        label={t.rejectReason}
        hint={t.rejectHint}
        requiredMessage={t.rejectReasonRequired}
        okText={t.reject}
        min={2}
        onSubmit={async (reason) =>
          settle(await decideSignups(activity.id, { ids: rejecting ?? [], decision: 'reject', reason }))
        }
        onClose={() => setRejecting(null)}
      />
      <SkippedResultModal
        result={result}
        title={t.resultTitle}
        summary={(done, skipped) => fmt(t.resultDone, { done, skipped })}
        names={new Map(rows.map((r) => [r.id, `${r.name ?? '—'} (${r.volunteerNo})`]))}
        onClose={() => setResult(null)}
      />
    </Flex>
  );
}
