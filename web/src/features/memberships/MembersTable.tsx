import { App, Button, Popconfirm, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MEMBERSHIP_ROLES, MEMBERSHIP_ROLE_NAMES } from '@yiqi/shared/contracts/memberships';
import type { Page } from '../../lib/api.ts';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { PagedTable } from '../common/PagedTable.tsx';
import { commonMessages } from '../common/messages.ts';
import { SelfDecisionHint, useIsMine } from '../common/SelfDecision.tsx';
import { decideMember, setMemberRole, type MemberRow, type MembershipRole } from './api.ts';
import { memberMessages } from './members.messages.ts';
import { MembershipRoleTag, MembershipStatusTag } from './tags.tsx';

interface Props {
  orgId: string;
  data: Page<MemberRow> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** A team's memberships: approve or reject applications, set active members' roles. */
export function MembersTable({ orgId, data, loading, onPage }: Props) {
  const t = useMessages(memberMessages);
  const c = useMessages(commonMessages);
  const text = useText();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const refresh = () => void qc.invalidateQueries({ queryKey: ['members', orgId] });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'approve' | 'reject' }) =>
      decideMember(orgId, id, decision),
    onSuccess: (_, v) => {
      void message.success(v.decision === 'approve' ? t.approved : t.rejected);
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const role = useMutation({
    mutationFn: ({ id, r }: { id: string; r: MembershipRole }) => setMemberRole(orgId, id, r),
    onSuccess: () => {
      void message.success(t.roleChanged);
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const busy = (id: string) => decide.isPending && decide.variables?.id === id;
  const isMine = useIsMine();

  const columns: ColumnsType<MemberRow> = [
    {
      title: t.name,
      key: 'who',
      render: (_, m) => (
        <div>
          <div>{m.name ?? '—'}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
            {m.volunteerNo}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t.status,
      dataIndex: 'status',
      render: (s: MemberRow['status']) => <MembershipStatusTag status={s} />,
    },
    {
      title: t.role,
      key: 'role',
      render: (_, m) =>
        m.status === 'active' ? (
          <Select
            size="small"
            value={m.role}
            aria-label={`${t.role} ${m.name ?? m.volunteerNo}`}
            loading={role.isPending && role.variables?.id === m.id}
            onChange={(r: MembershipRole) => role.mutate({ id: m.id, r })}
            options={MEMBERSHIP_ROLES.map((r) => ({ value: r, label: text(MEMBERSHIP_ROLE_NAMES[r]) }))}
            style={{ width: 110 }}
          />
        ) : (
          <MembershipRoleTag role={m.role} />
        ),
    },
    {
      title: t.source,
      dataIndex: 'source',
      responsive: ['lg'],
      render: (s: string) => (s === 'web' || s === 'import' ? t[s] : s),
    },
    {
      title: t.createdAt,
      dataIndex: 'createdAt',
      responsive: ['md'],
      render: (at: string) => formatTime(at),
    },
    {
      title: t.decidedAt,
      dataIndex: 'decidedAt',
      responsive: ['xl'],
      render: (at: string | null) => (at ? formatTime(at) : '—'),
    },
    {
      title: c.actions,
      key: 'actions',
      render: (_, m) =>
        m.status === 'applied' ? (
          <SelfDecisionHint mine={isMine(m.volunteerNo)} code="MEMBERSHIP_SELF_DECISION">
            <Space size={4}>
              <Button
                size="small"
                type="primary"
                disabled={isMine(m.volunteerNo)}
                loading={busy(m.id) && decide.variables?.decision === 'approve'}
                onClick={() => decide.mutate({ id: m.id, decision: 'approve' })}
                data-testid="approve-member"
              >
                {t.approve}
              </Button>
              <Popconfirm
                title={fmt(t.rejectConfirm, { name: m.name ?? m.volunteerNo })}
                okText={t.reject}
                cancelText={t.cancel}
                okButtonProps={{ danger: true }}
                disabled={isMine(m.volunteerNo)}
                onConfirm={() => decide.mutateAsync({ id: m.id, decision: 'reject' }).catch(() => undefined)}
              >
                <Button
                  size="small"
                  danger
                  disabled={isMine(m.volunteerNo)}
                  loading={busy(m.id) && decide.variables?.decision === 'reject'}
                >
                  {t.reject}
                </Button>
              </Popconfirm>
            </Space>
          </SelfDecisionHint>
        ) : null,
    },
  ];

  return (
    <PagedTable<MemberRow> data={data} loading={loading} columns={columns} onPage={onPage} empty={t.empty} />
  );
}
