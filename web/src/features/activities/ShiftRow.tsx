import { Button, Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { ActivityDetail, ShiftView } from './api.ts';
import { isPast, timeRange } from './format.ts';
import { activityMessages } from './messages.ts';
import { SignupStatusTag } from './tags.tsx';

type MySignup = ActivityDetail['mySignups'][number];

const OPEN = new Set<string>(['pending', 'accepted', 'waitlisted']);
const RECRUITING = new Set<string>(['published', 'in_progress']);

interface Props {
  shift: ShiftView;
  activityStatus: ActivityDetail['status'];
  mine: MySignup | undefined;
  signedIn: boolean;
  onSignUp: () => void;
}

/** One shift: its time and places, my sign-up if I have one, and the button to sign up (or sign in first). */
export function ShiftRow({ shift, activityStatus, mine, signedIn, onSignUp }: Props) {
  const t = useMessages(activityMessages);
  const full = shift.taken >= shift.quota;
  const open = mine && OPEN.has(mine.status);
  const action = open ? (
    <Link to="/m/my-activities">{t.viewMine}</Link>
  ) : isPast(shift.endsAt) ? (
    <Button disabled>{t.shiftOver}</Button>
  ) : !RECRUITING.has(activityStatus) ? (
    <Button disabled>{t.notOpen}</Button>
  ) : (
    <Button type={full ? 'default' : 'primary'} onClick={onSignUp} data-testid="sign-up">
      {!signedIn ? t.signInToSignUp : full ? t.joinWaitlist : t.signUp}
    </Button>
  );
  return (
    <Flex
      justify="space-between"
      align="center"
      gap={8}
      wrap
      style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0' }}
      data-testid="shift-row"
    >
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
          {timeRange(shift.startsAt, shift.endsAt)}
        </Typography.Text>
        <Flex gap={6} wrap align="center">
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {fmt(t.shiftPlaces, { taken: shift.taken, quota: shift.quota })}
          </Typography.Text>
          {full && <Tag style={{ marginInlineEnd: 0 }}>{t.full}</Tag>}
          {shift.waitlisted > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              · {fmt(t.waitlisted, { n: shift.waitlisted })}
            </Typography.Text>
          )}
          {mine && <SignupStatusTag status={mine.status} />}
        </Flex>
      </Flex>
      {action}
    </Flex>
  );
}
