import { App, Button, Card, Empty, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatTime } from '../../lib/format.ts';
import { ApiError } from '../../lib/api.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { cancelMyBooking, getMyBookings, keys, newKey } from './api.ts';
import { deliveryMessages } from './deliveryMessages.ts';
import { myTimebankMessages } from './messages.ts';

const COLORS = { held: 'blue', settled: 'green', cancelled: 'default' } as const;

/** The volunteer's bookings (their own and their family's); a held one can be cancelled. */
export function BookingsCard() {
  const t = useMessages(myTimebankMessages);
  const d = useMessages(deliveryMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keys.bookings, queryFn: ({ signal }) => getMyBookings(signal) });
  const cancel = async (id: string) => {
    try {
      await cancelMyBooking(id, newKey());
      void message.success(t.cancelled);
      await qc.invalidateQueries({ queryKey: keys.mine });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card size="small" title={t.bookings}>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.items.length === 0 ? (
        <Empty description={t.bookingsEmpty} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Flex vertical gap={8}>
          {q.data.items.map((b) => (
            <Flex
              key={b.id}
              justify="space-between"
              align="center"
              gap={8}
              style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}
            >
              <Flex vertical>
                <Typography.Text strong>{b.service}</Typography.Text>
                <Typography.Text type="secondary">
                  {b.payerLabel ?? t.own} · {formatTime(b.createdAt)} ·{' '}
                  {b.status === 'settled'
                    ? fmt(t.settled, { n: b.settled ?? 0 })
                    : fmt(t.held, { n: b.held })}
                </Typography.Text>
                {b.orderId && (
                  // Delivered as a dispatch order the volunteer placed: its progress is on "my orders".
                  <Link
                    to="/m/orders"
                    style={{ minHeight: 32, display: 'inline-flex', alignItems: 'center' }}
                  >
                    {d.orderLink}
                  </Link>
                )}
              </Flex>
              {b.status === 'held' ? (
                <Popconfirm title={t.confirmCancel} onConfirm={() => cancel(b.id)}>
                  <Button size="large">{t.cancel}</Button>
                </Popconfirm>
              ) : (
                <Tag color={COLORS[b.status]}>{t[`status_${b.status}`]}</Tag>
              )}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
