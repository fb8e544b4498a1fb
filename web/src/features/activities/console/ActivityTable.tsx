import { Button, Flex, Progress, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import type { Page } from '../../../lib/api.ts';
import { useMessages } from '../../../lib/i18n.tsx';
import { PagedTable } from '../../common/PagedTable.tsx';
import { useCategoryName } from '../../common/CategorySelect.tsx';
import { commonMessages } from '../../common/messages.ts';
import type { ActivitySummary } from './api.ts';
import { activityMessages } from './messages.ts';
import { ActivityStatusTag, RiskTag } from './tags.tsx';
import { timeRange } from './time.ts';

/** Places taken of the quota, as a number and a thin bar. */
export function Places({ taken, quota }: { taken: number; quota: number }) {
  return (
    <Flex vertical style={{ minWidth: 96 }}>
      <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>
        {taken} / {quota}
      </Typography.Text>
      <Progress
        percent={quota ? Math.round((taken / quota) * 100) : 0}
        showInfo={false}
        size="small"
        status={quota && taken >= quota ? 'success' : 'normal'}
      />
    </Flex>
  );
}

interface Props {
  data: Page<ActivitySummary> | undefined;
  loading: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** One team's activities: title, time, status and places; a row opens the activity. */
export function ActivityTable({ data, loading, onPage }: Props) {
  const t = useMessages(activityMessages);
  const c = useMessages(commonMessages);
  const category = useCategoryName();
  const navigate = useNavigate();
  const columns: ColumnsType<ActivitySummary> = [
    {
      title: t.title,
      key: 'title',
      render: (_, a) => (
        <Flex vertical style={{ maxWidth: 360 }}>
          <Link to={`/activities/${a.id}`} data-testid="activity-link">
            {a.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {category(a.category)} · {a.regionName}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t.time,
      key: 'time',
      render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{timeRange(a.startsAt, a.endsAt)}</span>,
    },
    {
      title: t.status,
      dataIndex: 'status',
      render: (s: ActivitySummary['status']) => <ActivityStatusTag status={s} />,
    },
    {
      title: t.places,
      key: 'places',
      render: (_, a) => <Places taken={a.taken} quota={a.quota} />,
    },
    {
      title: t.risk,
      dataIndex: 'riskLevel',
      responsive: ['xl'],
      render: (r: ActivitySummary['riskLevel']) => <RiskTag level={r} />,
    },
    {
      title: c.actions,
      key: 'actions',
      render: (_, a) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => navigate(`/activities/${a.id}`)}>
            {t.manage}
          </Button>
          {a.status !== 'draft' && (
            <Button size="small" type="link" onClick={() => navigate(`/activities/${a.id}/signups`)}>
              {t.tabSignups}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <PagedTable<ActivitySummary>
      data={data}
      loading={loading}
      columns={columns}
      onPage={onPage}
      empty={t.empty}
    />
  );
}
