import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Flex, Progress, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../../lib/i18n.tsx';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { RegionPicker } from '../../regions/RegionPicker.tsx';
import { useCurrentUser } from '../../auth/session.ts';
import { FUNDING_KEY, funderRounds, listRounds, yuan, type Round } from '../api.ts';
import { fundingMessages } from '../messages.ts';
import { RoundForm } from './RoundForm.tsx';

export const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  open: 'green',
  reviewing: 'blue',
  awarded: 'gold',
  closed: 'default',
};

/**
 * /funding (console) — funding rounds: a level body's region admins list theirs by region; a foundation's
 * admins (org admins without a region grant) list and open the rounds their foundation funds.
 */
export default function RoundsPage() {
  const t = useMessages(fundingMessages);
  const me = useCurrentUser();
  const own = me.roles.find((r) => r.role === 'region_admin' && r.scopeType === 'region')?.scopeId;
  const orgs = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const [funderId, setFunderId] = useState(own ? undefined : orgs[0]?.scopeId);
  const funder = orgs.find((o) => o.scopeId === funderId);
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [...FUNDING_KEY, 'rounds', funderId ?? region],
    queryFn: () => (funderId ? funderRounds(funderId) : listRounds(region)),
  });
  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t.roundsTitle}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t.newRound}
          </Button>
        }
      />
      {funderId ? (
        <>
          <Alert type="info" showIcon message={t.funderHint} />
          {orgs.length > 1 && (
            <Select
              value={funderId}
              onChange={setFunderId}
              aria-label={t.chooseOrg}
              style={{ maxWidth: 360 }}
              options={orgs.map((o) => ({ value: o.scopeId, label: o.scopeName }))}
            />
          )}
        </>
      ) : (
        <div style={{ maxWidth: 320 }}>
          <RegionPicker value={region} onChange={setRegion} placeholder={t.region} />
        </div>
      )}
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Round>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 920 }}
          locale={{ emptyText: t.empty }}
          columns={[
            {
              title: t.name,
              dataIndex: 'name',
              render: (v: string, r) => <Link to={`/funding/${r.id}`}>{v}</Link>,
            },
            { title: t.year, dataIndex: 'year', width: 80 },
            { title: t.region, dataIndex: 'regionName', width: 120 },
            {
              title: t.funder,
              dataIndex: 'funderName',
              width: 160,
              render: (v: string | null) => v ?? t.levelBody,
            },
            {
              title: t.state,
              dataIndex: 'state',
              width: 100,
              render: (s: string) => <Tag color={STATE_COLORS[s]}>{t[`st_${s}` as 'st_open']}</Tag>,
            },
            {
              title: t.budget,
              width: 220,
              render: (_: unknown, r) => (
                <Flex vertical gap={0}>
                  <span>{yuan(r.budgetFen)}</span>
                  <Progress percent={Math.round((r.awardedFen / r.budgetFen) * 100)} size="small" />
                </Flex>
              ),
            },
            {
              title: '',
              width: 80,
              render: (_: unknown, r) => <Link to={`/funding/${r.id}`}>{t.open}</Link>,
            },
          ]}
        />
      )}
      <RoundForm
        round={null}
        region={own}
        funder={funder ? { id: funder.scopeId, name: funder.scopeName } : undefined}
        open={creating}
        onClose={() => setCreating(false)}
      />
    </Flex>
  );
}
