import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Select,
  Spin,
  Statistic,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ORDER_STATE_NAMES, type OrderState } from '@yiqi/shared/dispatch/order-states';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getBoard, getCounts, type OrderViewT } from './api.ts';
import { dispatchMessages } from './messages.ts';
import { SatisfactionBy } from './SatisfactionBy.tsx';

/** The board's columns: the states that still need someone, then the completed ones. */
const COLUMNS: OrderState[] = ['review', 'ready', 'offered', 'open', 'accepted', 'completed'];
const DAY = 86_400_000;

/** /dispatch — the units' dispatch board: columns by state, overdue marked, figures of the last 30 days. */
export default function BoardPage() {
  const t = useMessages(dispatchMessages);
  const text = useText();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const units = me.roles.filter((r) => r.role === 'region_admin');
  const [region, setRegion] = useState(units[0]?.scopeId);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const q = useQuery({
    queryKey: ['dispatch-board', region],
    queryFn: ({ signal }) => getBoard({ region }, signal),
    enabled: Boolean(region),
  });
  const [range] = useState(() => ({
    from: new Date(Date.now() - 30 * DAY).toISOString(),
    to: new Date(Date.now() + DAY).toISOString(),
  }));
  const counts = useQuery({
    queryKey: ['dispatch-counts', region, range.from],
    queryFn: ({ signal }) => getCounts(region!, range.from, range.to, signal),
    enabled: Boolean(region),
  });
  const orders = (q.data?.items ?? []).filter((o) => !overdueOnly || o.overdue);
  const pct = (x: number | null | undefined) =>
    x === null || x === undefined ? '—' : `${Math.round(x * 100)}%`;

  return (
    <>
      <PageTitle title={t.boardTitle} />
      <Typography.Paragraph type="secondary">{t.boardHint}</Typography.Paragraph>
      <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
        {units.length > 1 && (
          <Select
            aria-label={t.unit}
            style={{ minWidth: 200 }}
            value={region}
            onChange={setRegion}
            options={units.map((u) => ({ value: u.scopeId, label: u.scopeName }))}
          />
        )}
        <Button onClick={() => navigate('/dispatch/proxy')}>{t.proxyTitle}</Button>
        <Flex gap={8} align="center">
          <Switch checked={overdueOnly} onChange={setOverdueOnly} aria-label={t.onlyOverdue} />
          <span>{t.onlyOverdue}</span>
        </Flex>
      </Flex>
      {counts.data && (
        <Card size="small" title={t.counts} style={{ marginBottom: 16 }}>
          <Flex gap={32} wrap>
            <Statistic title={t.received} value={counts.data.received} />
            <Statistic title={t.dispatched} value={counts.data.dispatched} />
            <Statistic title={t.done} value={counts.data.completed} />
            <Statistic title={t.completionRate} value={pct(counts.data.completionRate)} />
            <Statistic title={t.overdue} value={counts.data.overdue} />
            <Statistic title={t.satisfaction} value={pct(counts.data.satisfaction)} />
            {/* The ratings the satisfaction rests on: 100 % of one rating is not 100 % of fifty. */}
            <Statistic title={t.ratings} value={counts.data.ratings} />
          </Flex>
          <SatisfactionBy by={counts.data.satisfactionBy} />
        </Card>
      )}
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Spin aria-busy="true" style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <Row gutter={[12, 12]} wrap>
          {COLUMNS.map((s) => {
            const col = orders.filter((o) => o.state === s);
            return (
              <Col key={s} xs={24} sm={12} lg={8} xl={4}>
                <Card
                  size="small"
                  title={
                    <Flex gap={8} align="center">
                      {text(ORDER_STATE_NAMES[s])}
                      <Badge count={col.length} showZero color="#8c8c8c" />
                    </Flex>
                  }
                  styles={{ body: { padding: 8, minHeight: 120 } }}
                >
                  {col.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} />
                  ) : (
                    <Flex vertical gap={8}>
                      {col.map((o) => (
                        <OrderTile key={o.id} o={o} />
                      ))}
                    </Flex>
                  )}
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
    </>
  );
}

function OrderTile({ o }: { o: OrderViewT }) {
  const t = useMessages(dispatchMessages);
  return (
    <Link to={`/dispatch/orders/${o.id}`} style={{ color: 'inherit' }}>
      <Card size="small" hoverable styles={{ body: { padding: 8 } }}>
        <Typography.Text strong>{o.item.title}</Typography.Text>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.regionName} · {o.holder.name}
          </Typography.Text>
        </div>
        {o.team && <div style={{ fontSize: 12 }}>{o.team.name}</div>}
        <Flex gap={4} wrap style={{ marginTop: 4 }}>
          {o.overdue && <Tag color="red">{t.overdue}</Tag>}
          {o.proxy && <Tag>{t.proxy}</Tag>}
          {o.dueAt && (
            <Typography.Text type={o.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {fmt(t.due, { at: formatTime(o.dueAt) })}
            </Typography.Text>
          )}
        </Flex>
      </Card>
    </Link>
  );
}
