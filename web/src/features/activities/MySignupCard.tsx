import { App, Button, Card, Flex, Tag, Typography } from 'antd';
import { ClockCircleOutlined, EnvironmentOutlined, ScanOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ACTIVITIES_KEY, activityKey, cancelSignup, MY_SIGNUPS_KEY, type MySignupRow } from './api.ts';
import { isPast, minute, timeRange } from './format.ts';
import { InfoLine } from './InfoLine.tsx';
import { myMessages } from './my.messages.ts';
import { SignupStatusTag } from './tags.tsx';

const CHECK_IN_LEAD_MS = 3600_000;
const KINDS = ['volunteer', 'late', 'activity', 'shift_removed'] as const;

/** Check-in and check-out times of a shift, and whether the check-in is being reviewed. */
function Attendance({ at }: { at: NonNullable<MySignupRow['attendance']> }) {
  const t = useMessages(myMessages);
  return (
    <Flex gap={6} wrap align="center" data-testid="attendance">
      <Tag color="green" style={{ marginInlineEnd: 0 }}>
        {fmt(t.checkedIn, { time: minute(at.checkInAt) })}
      </Tag>
      <Tag color={at.checkOutAt ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
        {at.checkOutAt ? fmt(t.checkedOut, { time: minute(at.checkOutAt) }) : t.notCheckedOut}
      </Tag>
      {at.reviewStatus !== 'ok' && (
        <Tag color={at.reviewStatus === 'review' ? 'gold' : 'red'} style={{ marginInlineEnd: 0 }}>
          {at.reviewStatus === 'review' ? t.review : t.reviewRejected}
        </Tag>
      )}
    </Flex>
  );
}

/** One of my sign-ups: the shift, where it stands, attendance, and cancelling or checking in. */
export function MySignupCard({ s }: { s: MySignupRow }) {
  const t = useMessages(myMessages);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const cancel = useMutation({
    mutationFn: () => cancelSignup(s.id),
    onSuccess: (r) => {
      void message.success(r.late ? t.cancelledLate : t.cancelled);
      void qc.invalidateQueries({ queryKey: MY_SIGNUPS_KEY });
      void qc.invalidateQueries({ queryKey: activityKey(s.activityId) });
      void qc.invalidateQueries({ queryKey: ACTIVITIES_KEY });
    },
    onError: (e) => void message.error(e.message),
  });
  const open = s.status === 'pending' || s.status === 'accepted' || s.status === 'waitlisted';
  const live = s.activityStatus !== 'cancelled' && !isPast(s.shiftEndsAt);
  const canCancel = open && live && !isPast(s.shiftStartsAt) && !s.attendance;
  // Check-in opens an hour before the shift (the server's window); no point offering the scanner sooner.
  const canScan =
    s.status === 'accepted' &&
    live &&
    Date.now() >= new Date(s.shiftStartsAt).getTime() - CHECK_IN_LEAD_MS &&
    !s.attendance?.checkOutAt;
  const confirmCancel = () =>
    modal.confirm({
      title: fmt(t.cancelConfirm, { title: s.activityTitle }),
      content: (
        <Flex vertical gap={8}>
          <span>
            {fmt(t.cancelShift, {
              position: s.positionName,
              time: timeRange(s.shiftStartsAt, s.shiftEndsAt),
            })}
          </span>
          {s.cancelIsLate && (
            <Typography.Text type="danger" strong data-testid="cancel-late">
              {t.cancelLate}
            </Typography.Text>
          )}
        </Flex>
      ),
      okText: t.cancelOk,
      cancelText: t.keep,
      okButtonProps: { danger: true },
      onOk: () => cancel.mutateAsync().catch(() => undefined),
    });
  const kind = KINDS.find((k) => k === s.cancelKind);

  return (
    <Card size="small" data-testid="my-signup">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Link to={`/m/activities/${s.activityId}`} style={{ color: 'inherit', minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 15 }}>
              {s.activityTitle}
            </Typography.Text>
          </Link>
          <Flex gap={4} wrap justify="flex-end" style={{ flexShrink: 0 }}>
            {s.activityStatus === 'cancelled' && (
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {t.activityCancelled}
              </Tag>
            )}
            <SignupStatusTag status={s.status} />
          </Flex>
        </Flex>
        <InfoLine icon={<TeamOutlined aria-hidden />}>
          {s.orgName} · {s.positionName}
        </InfoLine>
        <InfoLine icon={<ClockCircleOutlined aria-hidden />}>
          {timeRange(s.shiftStartsAt, s.shiftEndsAt)}
        </InfoLine>
        <InfoLine icon={<EnvironmentOutlined aria-hidden />}>{s.address}</InfoLine>
        {s.status === 'waitlisted' && s.waitlistPosition !== null && (
          <Typography.Text type="warning" data-testid="waitlist-position">
            {fmt(t.waitlistPosition, { n: s.waitlistPosition })}
          </Typography.Text>
        )}
        {s.status === 'rejected' && s.rejectReason && (
          <Typography.Text type="danger">{fmt(t.rejectReason, { reason: s.rejectReason })}</Typography.Text>
        )}
        {s.status === 'cancelled' && kind && kind !== 'activity' && (
          <Typography.Text type="secondary">{t[`kind_${kind}`]}</Typography.Text>
        )}
        {s.attendance && <Attendance at={s.attendance} />}
        {(canCancel || canScan) && (
          <Flex gap={8} justify="flex-end" wrap style={{ marginTop: 4 }}>
            {canCancel && (
              <Button danger loading={cancel.isPending} onClick={confirmCancel} data-testid="cancel-signup">
                {t.cancel}
              </Button>
            )}
            {canScan && (
              <Button type="primary" icon={<ScanOutlined aria-hidden />} onClick={() => navigate('/m/scan')}>
                {t.scan}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
