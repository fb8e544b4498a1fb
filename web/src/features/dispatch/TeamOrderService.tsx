import { useState } from 'react';
import { App, Button, Card, Flex, List, Popconfirm, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import { ApiError } from '../../lib/api.ts';
import type { OrderDetailT, OrderViewT } from './api.ts';
import { OrderTimeline } from './OrderTimeline.tsx';
import { getTeamOrder, openServiceActivity } from './serviceApi.ts';
import { serviceMessages } from './service.messages.ts';

/**
 * Service through an activity: the activities opened for an order (on the unit's order page), and on the
 * team's order card the button that opens one (a draft filled from the order, then edited and published on
 * the activity's own pages) or the link to it, with the order's progress (timeline).
 */

type Status = 'draft' | 'published' | 'closed' | 'cancelled';
const COLOR: Record<Status, string> = {
  draft: 'default',
  published: 'processing',
  closed: 'success',
  cancelled: 'error',
};

function StatusTag({ status }: { status: string }) {
  const s = useMessages(serviceMessages);
  const k = status as Status;
  return <Tag color={COLOR[k] ?? 'default'}>{s[`activityStatus_${k}`] ?? status}</Tag>;
}

export function ServiceActivities({ o }: { o: Pick<OrderDetailT, 'activities'> }) {
  const s = useMessages(serviceMessages);
  if (o.activities.length === 0) return null;
  return (
    <Card size="small" title={s.serviceActivity} data-testid="service-activities">
      <List
        size="small"
        dataSource={o.activities}
        renderItem={(a) => (
          <List.Item extra={<StatusTag status={a.status} />}>
            <Flex vertical>
              <Link to={`/activities/${a.id}`}>{a.title}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {a.team.name} · {formatTime(a.startsAt)}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

export function TeamOrderService({ o, orgId }: { o: OrderViewT; orgId: string }) {
  const s = useMessages(serviceMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [show, setShow] = useState(false);
  const serving = o.state === 'accepted';
  const detail = useQuery({
    queryKey: ['dispatch-team-order', o.id],
    queryFn: ({ signal }) => getTeamOrder(o.id, signal),
    enabled: serving || show,
  });
  const open = useMutation({
    mutationFn: () => openServiceActivity(o.id),
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ['dispatch-team-order', o.id] });
      void qc.invalidateQueries({ queryKey: ['dispatch-team', orgId] });
      navigate(`/activities/${a.id}`);
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const mine = detail.data?.activities.filter((a) => a.team.id === orgId && a.status !== 'cancelled') ?? [];
  return (
    <Flex vertical gap={8} style={{ marginTop: 8 }}>
      {serving &&
        (detail.isPending ? (
          <Spin size="small" />
        ) : mine.length > 0 ? (
          <Typography.Text data-testid="team-service-activity">
            {s.serviceActivity}：<Link to={`/activities/${mine[0]!.id}`}>{mine[0]!.title}</Link>{' '}
            <StatusTag status={mine[0]!.status} />
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.hoursViaActivity}
            </Typography.Text>
          </Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.openActivityHint}
            </Typography.Text>
            <Popconfirm title={s.openActivityConfirm} onConfirm={() => open.mutate()}>
              <Button loading={open.isPending} style={{ alignSelf: 'flex-start' }}>
                {s.openActivity}
              </Button>
            </Popconfirm>
          </Flex>
        ))}
      <Button
        type="link"
        size="small"
        style={{ alignSelf: 'flex-start', padding: 0 }}
        onClick={() => setShow(!show)}
      >
        {show ? s.hideProgress : s.progress}
      </Button>
      {show && detail.data && <OrderTimeline timeline={detail.data.timeline} />}
    </Flex>
  );
}
