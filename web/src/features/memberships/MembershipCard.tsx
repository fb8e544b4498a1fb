import { App, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import {
  acceptInvitation,
  declineInvitation,
  leaveMembership,
  MY_MEMBERSHIPS_KEY,
  type MyMembershipRow,
} from './api.ts';
import { teamMessages } from './messages.ts';
import { MembershipRoleTag, MembershipStatusTag } from './tags.tsx';

const day = (iso: string | null) => (iso ? formatTime(iso).slice(0, 10) : '');

/** One of my memberships: the team, where it stands, and what I can do about it. */
export function MembershipCard({ m }: { m: MyMembershipRow }) {
  const t = useMessages(teamMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const act = useMutation({
    mutationFn: ({ fn }: { fn: (id: string) => Promise<unknown>; done: string }) => fn(m.id),
    onSuccess: (_, { done }) => {
      void message.success(done);
      void qc.invalidateQueries({ queryKey: MY_MEMBERSHIPS_KEY });
    },
    onError: (e) => void message.error(e.message),
  });
  const when =
    m.status === 'left'
      ? fmt(t.leftAt, { date: day(m.leftAt) })
      : m.status === 'active'
        ? fmt(t.joinedAt, { date: day(m.decidedAt ?? m.createdAt) })
        : m.status === 'rejected'
          ? fmt(t.decidedAt, { date: day(m.decidedAt) })
          : fmt(m.status === 'invited' ? t.invitedAt : t.appliedAt, { date: day(m.createdAt) });
  const confirm = (
    title: string,
    label: string,
    fn: (id: string) => Promise<unknown>,
    done: string,
    danger = true,
  ) => (
    <Popconfirm
      title={fmt(title, { name: m.orgName })}
      okText={label}
      cancelText={t.cancel}
      okButtonProps={{ danger, loading: act.isPending }}
      onConfirm={() => act.mutateAsync({ fn, done }).catch(() => undefined)}
    >
      <Button danger={danger} disabled={act.isPending}>
        {label}
      </Button>
    </Popconfirm>
  );

  return (
    <Card size="small" data-testid="membership-card">
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Flex vertical gap={4} style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {m.orgName}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {when}
          </Typography.Text>
        </Flex>
        <Flex gap={4} wrap justify="flex-end" style={{ flexShrink: 0 }}>
          {m.status === 'active' && <MembershipRoleTag role={m.role} />}
          <MembershipStatusTag status={m.status} />
        </Flex>
      </Flex>
      {(m.status === 'invited' || m.status === 'active' || m.status === 'applied') && (
        <Flex gap={8} justify="flex-end" wrap style={{ marginTop: 12 }}>
          {m.status === 'invited' && (
            <>
              {confirm(t.declineConfirm, t.decline, declineInvitation, t.declined, false)}
              <Button
                type="primary"
                loading={act.isPending}
                onClick={() => act.mutate({ fn: acceptInvitation, done: t.accepted })}
              >
                {t.accept}
              </Button>
            </>
          )}
          {m.status === 'active' && confirm(t.leaveConfirm, t.leave, leaveMembership, t.left)}
          {m.status === 'applied' && confirm(t.withdrawConfirm, t.withdraw, leaveMembership, t.withdrawn)}
        </Flex>
      )}
    </Card>
  );
}
