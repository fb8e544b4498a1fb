import { Card, Flex, Segmented, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { BOARD_STATES, BOARD_STATE_NAMES } from '@yiqi/shared/contracts/activities';
import { formatTime } from '../../../lib/format.ts';
import { fmt, useMessages, useText } from '../../../lib/i18n.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { ActivityNav, WithActivity } from './ActivityNav.tsx';
import { getBoard, keys, type ActivityDetail, type BoardState } from './api.ts';
import { attendanceMessages } from './attendance.messages.ts';
import { BoardCounters } from './BoardCounters.tsx';
import { BoardTable } from './BoardTable.tsx';
import { currentShift, ShiftSelect } from './ShiftSelect.tsx';

const REFRESH_MS = 5000;

/** /activities/:id/attendance?shift=…&state=… — who is here, late or missing, refreshed every 5 s. */
export default function AttendancePage() {
  const { id = '' } = useParams();
  return <WithActivity id={id}>{(a) => <Attendance activity={a} />}</WithActivity>;
}

function Attendance({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(attendanceMessages);
  const text = useText();
  const [params, setParams] = useSearchParams();
  // Without a choice, the shift running now (or the next); "all" shows every shift.
  const chosen = params.get('shift');
  const shiftId = chosen === 'all' ? undefined : (chosen ?? currentShift(activity));
  const raw = params.get('state');
  const state = (BOARD_STATES as readonly string[]).includes(raw ?? '') ? (raw as BoardState) : undefined;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 100;
  const query = { shiftId, state, page, pageSize };
  const q = useQuery({
    queryKey: [...keys.board(activity.id), query],
    queryFn: ({ signal }) => getBoard(activity.id, query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const go = (next: Record<string, string | undefined>) => {
    const merged = { shift: chosen ?? undefined, state, size: params.get('size') ?? undefined, ...next };
    setParams(
      new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => Boolean(e[1]))),
      { replace: true },
    );
  };

  return (
    <Flex vertical gap={16}>
      <ActivityNav activity={activity} current="attendance" />
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <ShiftSelect
            activity={activity}
            value={shiftId}
            onChange={(s) => go({ shift: s ?? 'all' })}
            placeholder={t.allShifts}
            allowClear
            width={380}
          />
          <Segmented
            value={state ?? ''}
            onChange={(s) => go({ state: String(s) || undefined })}
            options={[
              { value: '', label: t.allStates },
              ...BOARD_STATES.map((s) => ({ value: s, label: text(BOARD_STATE_NAMES[s]) })),
            ]}
            style={{ maxWidth: '100%', overflowX: 'auto' }}
          />
          <div style={{ flex: 1 }} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-live="polite">
            <SyncOutlined aria-hidden spin={q.isFetching} />{' '}
            {q.dataUpdatedAt
              ? fmt(t.updatedAt, { time: formatTime(new Date(q.dataUpdatedAt).toISOString()).slice(11) })
              : ''}
          </Typography.Text>
        </Flex>
      </Card>
      {q.isError && !q.data ? (
        <Card>
          <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
        </Card>
      ) : (
        <>
          <BoardCounters counts={q.data?.counts} loading={!q.data} />
          <Card>
            {q.isError && (
              <Typography.Text type="danger" role="alert">
                {q.error.message}
              </Typography.Text>
            )}
            <BoardTable
              activityId={activity.id}
              data={q.data}
              loading={!q.data && q.isFetching}
              showShift={!shiftId}
              onPage={(p, s) => go({ page: String(p), size: String(s) })}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
