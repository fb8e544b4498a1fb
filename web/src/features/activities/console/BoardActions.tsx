import { App, Button, Popconfirm, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { CHECKIN_OPENS_BEFORE_MINUTES } from '@yiqi/shared/contracts/activities';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { commonMessages } from '../../common/messages.ts';
import { reviewAttendance, staffCheckIn, type BoardRow, type CheckResult } from './api.ts';
import { attendanceMessages } from './attendance.messages.ts';

/** Check-in is open from a while before the shift until it ends (the server's window). */
const OPENS_BEFORE_MS = CHECKIN_OPENS_BEFORE_MINUTES * 60_000;
const checkInOpen = (r: BoardRow, now: number) =>
  now >= new Date(r.shiftStartsAt).getTime() - OPENS_BEFORE_MS && now < new Date(r.shiftEndsAt).getTime();

interface Props {
  activityId: string;
  row: BoardRow;
  onChecked: (r: CheckResult) => void;
  onReviewed: () => void;
  onCheckOut: (row: BoardRow) => void;
}

/** What staff can do for one volunteer: check in or out on their behalf, decide a check-in under review. */
export function BoardActions({ activityId, row: r, onChecked, onReviewed, onCheckOut }: Props) {
  const t = useMessages(attendanceMessages);
  const c = useMessages(commonMessages);
  const { message } = App.useApp();
  const fail = (e: Error) => void message.error(e.message);
  const checkIn = useMutation({
    mutationFn: () => staffCheckIn(activityId, r.signupId),
    onSuccess: onChecked,
    onError: fail,
  });
  const review = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => reviewAttendance(activityId, r.attendanceId!, decision),
    onSuccess: (_, d) => {
      void message.success(d === 'approve' ? t.approved : t.rejected);
      onReviewed();
    },
    onError: fail,
  });
  const reviewing = (d: 'approve' | 'reject') => review.isPending && review.variables === d;
  return (
    <Space size={4} wrap>
      {!r.checkInAt && checkInOpen(r, Date.now()) && (
        <Button
          size="small"
          type="primary"
          loading={checkIn.isPending}
          onClick={() => checkIn.mutate()}
          data-testid="staff-check-in"
        >
          {t.staffCheckIn}
        </Button>
      )}
      {r.checkInAt && !r.checkOutAt && r.reviewStatus !== 'rejected' && (
        <Button size="small" onClick={() => onCheckOut(r)} data-testid="staff-check-out">
          {t.staffCheckOut}
        </Button>
      )}
      {r.reviewStatus === 'review' && r.attendanceId && (
        <>
          <Button
            size="small"
            type="primary"
            ghost
            loading={reviewing('approve')}
            onClick={() => review.mutate('approve')}
          >
            {t.approve}
          </Button>
          <Popconfirm
            title={fmt(t.rejectConfirm, { name: r.name ?? r.volunteerNo })}
            description={t.rejectConfirmBody}
            okText={t.reject}
            okButtonProps={{ danger: true }}
            cancelText={c.cancel}
            onConfirm={() => review.mutateAsync('reject').catch(() => undefined)}
          >
            <Button size="small" danger loading={reviewing('reject')}>
              {t.reject}
            </Button>
          </Popconfirm>
        </>
      )}
    </Space>
  );
}
