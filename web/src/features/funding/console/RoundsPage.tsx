import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Flex, Progress, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../../lib/i18n.tsx';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { RegionPicker } from '../../regions/RegionPicker.tsx';
import { useCurrentUser } from '../../auth/session.ts';
import { FUNDING_KEY, listRounds, yuan, type Round } from '../api.ts';
import { fundingMessages } from '../messages.ts';
import { RoundForm } from './RoundForm.tsx';

export const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  open: 'green',
  reviewing: 'blue',
  awarded: 'gold',
  closed: 'default',
};

/** /funding (console) — the level body's funding rounds: list by region, budget used, create a draft. */
export default function RoundsPage() {
  const t = useMessages(fundingMessages);
  const me = useCurrentUser();
  const own = me.roles.find((r) => r.role === 'region_admin' && r.scopeType === 'region')?.scopeId;
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: [...FUNDING_KEY, 'rounds', region], queryFn: () => listRounds(region) });
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
      <div style={{ maxWidth: 320 }}>
        <RegionPicker value={region} onChange={setRegion} placeholder={t.region} />
      </div>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Round>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 760 }}
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
      <RoundForm round={null} region={own} open={creating} onClose={() => setCreating(false)} />
    </Flex>
  );
}
