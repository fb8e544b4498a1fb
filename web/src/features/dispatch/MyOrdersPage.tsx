import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, Rate, Spin, Steps, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import { ApiError } from '../../lib/api.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getMyOrders, rateOrder, type MyOrderViewT } from './api.ts';
import { dispatchMessages } from './messages.ts';

const COLOR: Record<MyOrderViewT['status'], string> = {
  reviewing: 'processing',
  serving: 'blue',
  done: 'success',
  refused: 'error',
  cancelled: 'default',
  merged: 'default',
};

/** /m/orders — my orders: 审核中 → 服务中 → 已完成 (or 已拒绝 with the reason), and the rating. */
export default function MyOrdersPage() {
  const t = useMessages(dispatchMessages);
  const q = useQuery({ queryKey: ['my-dispatch-orders'], queryFn: ({ signal }) => getMyOrders(signal) });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t.myOrders}
        </Typography.Title>
        <Flex gap={8}>
          <Link to="/m/orders/invitations">
            <Button className="yiqi-touch">{t.myInvitations}</Button>
          </Link>
          <Link to="/m/orders/menu">
            <Button type="primary" className="yiqi-touch">
              {t.toMenu}
            </Button>
          </Link>
        </Flex>
      </Flex>
      {q.isPending ? (
        <Spin aria-busy="true" style={{ display: 'block', margin: '32px auto' }} />
      ) : q.data.items.length === 0 ? (
        <Empty description={t.noOrders} />
      ) : (
        q.data.items.map((o) => <OrderCard key={o.id} o={o} />)
      )}
    </Flex>
  );
}

function OrderCard({ o }: { o: MyOrderViewT }) {
  const t = useMessages(dispatchMessages);
  const last = o.status === 'refused' || o.status === 'cancelled' || o.status === 'merged';
  const steps = [
    { title: t.reviewing, description: o.steps[0] && formatTime(o.steps[0].at) },
    last
      ? { title: t[o.status], status: 'error' as const }
      : {
          title: t.serving,
          description:
            o.steps.find((s) => s.status === 'serving')?.at &&
            formatTime(o.steps.find((s) => s.status === 'serving')!.at),
        },
    ...(last
      ? []
      : [
          {
            title: t.done,
            description:
              o.steps.find((s) => s.status === 'done')?.at &&
              formatTime(o.steps.find((s) => s.status === 'done')!.at),
          },
        ]),
  ];
  const current = last ? 1 : o.status === 'reviewing' ? 0 : o.status === 'serving' ? 1 : 2;
  return (
    <Card size="small" title={o.item.title} extra={<Tag color={COLOR[o.status]}>{t[o.status]}</Tag>}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {o.description}
      </Typography.Paragraph>
      <Steps
        size="small"
        responsive={false}
        labelPlacement="vertical"
        current={current}
        items={steps}
        style={{ marginBottom: 8 }}
      />
      {o.rejectReason && (
        <Typography.Paragraph>
          <b>{t.reason}：</b>
          {o.rejectReason}
        </Typography.Paragraph>
      )}
      {o.team && (
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          <b>{t.team}：</b>
          {o.team}
        </Typography.Paragraph>
      )}
      {o.report && (
        <Typography.Paragraph style={{ marginBottom: 4 }}>
          <b>{t.report}：</b>
          {o.report}
        </Typography.Paragraph>
      )}
      {o.rating ? (
        <Flex gap={8} align="center">
          <span>{t.rated}</span>
          <Rate disabled value={o.rating.score} />
        </Flex>
      ) : (
        o.rateUntil && <RateForm o={o} />
      )}
    </Card>
  );
}

function RateForm({ o }: { o: MyOrderViewT }) {
  const t = useMessages(dispatchMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const m = useMutation({
    mutationFn: () => rateOrder(o.id, { score, comment }),
    onSuccess: () => {
      void message.success(t.thanks);
      void qc.invalidateQueries({ queryKey: ['my-dispatch-orders'] });
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Flex vertical gap={8}>
      <Typography.Text>{fmt(t.rateHint, { until: formatTime(o.rateUntil!) })}</Typography.Text>
      <Rate value={score} onChange={setScore} aria-label={t.rate} style={{ fontSize: 32 }} />
      <Input.TextArea
        rows={2}
        maxLength={500}
        placeholder={t.comment}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <Button
        type="primary"
        disabled={score === 0}
        loading={m.isPending}
        onClick={() => m.mutate()}
        className="yiqi-touch"
      >
        {t.rate}
      </Button>
    </Flex>
  );
}
