import { App, Button, Popconfirm, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROLE_NAMES } from '@yiqi/shared/roles';
import type { Page } from '../../lib/api.ts';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { PagedTable } from '../common/PagedTable.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { revokeGrant, type GrantRow } from './api.ts';
import { mayManage } from './grantable.ts';
import { RoleTag } from './RoleTag.tsx';
import { roleMessages } from './messages.ts';

interface Props {
  region: string;
  data: Page<GrantRow> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** Active grants in a region subtree, each revocable (with confirmation) by whoever may grant it. */
export function GrantsTable({ region, data, loading, onPage }: Props) {
  const t = useMessages(roleMessages);
  const text = useText();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const revoke = useMutation({
    mutationFn: revokeGrant,
    onSuccess: () => {
      void message.success(t.revoked);
      void qc.invalidateQueries({ queryKey: ['grants'] });
    },
    onError: (e) => void message.error(e.message),
  });

  const columns: ColumnsType<GrantRow> = [
    {
      title: t.user,
      key: 'user',
      render: (_, g) => (
        <div>
          <div>{g.displayName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            @{g.username}
          </Typography.Text>
        </div>
      ),
    },
    { title: t.role, dataIndex: 'role', render: (r: GrantRow['role']) => <RoleTag role={r} /> },
    {
      title: t.scope,
      key: 'scope',
      render: (_, g) => (
        <div>
          <div>{g.scopeName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {g.scopeType === 'region' ? t.scopeRegion : t.scopeOrganization}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t.grantedBy,
      dataIndex: 'grantedBy',
      responsive: ['md'],
      render: (b: string | null) => b ?? t.seeded,
    },
    {
      title: t.grantedAt,
      dataIndex: 'grantedAt',
      responsive: ['lg'],
      render: (at: string) => formatTime(at),
    },
    {
      title: t.actions,
      key: 'actions',
      fixed: 'right',
      render: (_, g) => {
        const why = g.username === me.username ? t.self : !mayManage(me, g.role, region) ? t.notYours : null;
        if (why)
          return (
            <Tooltip title={why}>
              <Button type="link" danger size="small" disabled>
                {t.revoke}
              </Button>
            </Tooltip>
          );
        return (
          <Popconfirm
            title={fmt(t.revokeConfirm, { name: g.displayName, role: text(ROLE_NAMES[g.role]) })}
            okText={t.revokeOk}
            cancelText={t.cancel}
            okButtonProps={{ danger: true, loading: revoke.isPending && revoke.variables === g.id }}
            onConfirm={() => revoke.mutateAsync(g.id).catch(() => undefined)}
          >
            <Button type="link" danger size="small">
              {t.revoke}
            </Button>
          </Popconfirm>
        );
      },
    },
  ];

  return (
    <PagedTable<GrantRow>
      data={data}
      loading={loading}
      columns={columns}
      onPage={onPage}
      empty={t.empty}
      totalText={t.total}
    />
  );
}
