import { useState } from 'react';
import { Button, Card, Empty, Flex, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useLocale, useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { scopeLabel } from '../shell/scope.ts';
import { listGrants } from './api.ts';
import { grantorScopes } from './grantable.ts';
import { GrantRoleModal } from './GrantRoleModal.tsx';
import { GrantsTable } from './GrantsTable.tsx';
import { roleMessages } from './messages.ts';

/** 角色管理: the grants in one of the user's areas, with grant and revoke. */
export default function RoleManagementPage() {
  const t = useMessages(roleMessages);
  const { locale } = useLocale();
  const me = useCurrentUser();
  const scopes = grantorScopes(me);
  const [params, setParams] = useSearchParams();
  const wanted = params.get('region');
  const region = scopes.find((s) => s.scopeId === wanted)?.scopeId ?? scopes[0]?.scopeId;
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 20;
  const [granting, setGranting] = useState(false);

  const grants = useQuery({
    queryKey: ['grants', region, page, pageSize],
    queryFn: ({ signal }) => listGrants(region!, page, pageSize, signal),
    enabled: Boolean(region),
    placeholderData: keepPreviousData,
  });

  const go = (next: { region?: string; page?: number; size?: number }) => {
    const p = new URLSearchParams();
    p.set('region', next.region ?? region ?? '');
    if (next.page && next.page > 1) p.set('page', String(next.page));
    if (next.size && next.size !== 20) p.set('size', String(next.size));
    setParams(p);
  };

  if (!region) return <Empty description={t.noScope} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setGranting(true)}>
          {t.grant}
        </Button>
      </Flex>
      <Card>
        <Flex align="center" wrap gap={8} style={{ marginBottom: 16 }}>
          <label htmlFor="grant-region">
            <Typography.Text strong>{t.region}</Typography.Text>
          </label>
          <Select
            id="grant-region"
            value={region}
            onChange={(r: string) => go({ region: r })}
            options={scopes.map((s) => ({ value: s.scopeId, label: scopeLabel(s, locale) }))}
            style={{ minWidth: 240 }}
          />
          <Typography.Text type="secondary">{t.regionHint}</Typography.Text>
        </Flex>
        {grants.isError ? (
          <ErrorResult error={grants.error} onRetry={() => void grants.refetch()} />
        ) : (
          <GrantsTable
            region={region}
            data={grants.data}
            loading={grants.isFetching}
            onPage={(p, s) => go({ page: p, size: s })}
          />
        )}
      </Card>
      <GrantRoleModal open={granting} region={region} onClose={() => setGranting(false)} />
    </Space>
  );
}
