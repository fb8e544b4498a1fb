import { App, Button, Empty, Flex, Pagination, Skeleton, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { listNotifications, markAllRead, NOTIFICATIONS_KEY } from './api.ts';
import { noticeMessages } from './notice.messages.ts';
import { NotificationItem } from './NotificationItem.tsx';
import { NotificationSettings } from './NotificationSettings.tsx';

const PAGE_SIZE = 20;

/** /m/notifications — messages about my sign-ups and activities, newest first. */
export default function NotificationsPage() {
  const t = useMessages(noticeMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page')) || 1;
  const q = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', page],
    queryFn: ({ signal }) => listNotifications({ page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const all = useMutation({
    mutationFn: markAllRead,
    onSuccess: () => {
      void message.success(t.allReadDone);
      void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    },
    onError: (e) => void message.error(e.message),
  });
  const unread = q.data?.unread ?? 0;

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Flex align="baseline" gap={8}>
          <Typography.Title level={3} style={{ margin: '4px 0' }}>
            {t.title}
          </Typography.Title>
          {unread > 0 && <Typography.Text type="danger">{fmt(t.unread, { n: unread })}</Typography.Text>}
        </Flex>
        <Button
          icon={<CheckOutlined aria-hidden />}
          disabled={unread === 0}
          loading={all.isPending}
          onClick={() => all.mutate()}
          data-testid="read-all"
        >
          {t.allRead}
        </Button>
      </Flex>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.items.length === 0 ? (
        <Empty
          description={
            <Flex vertical gap={4}>
              <span>{t.empty}</span>
              <Typography.Text type="secondary">{t.emptyHint}</Typography.Text>
            </Flex>
          }
        />
      ) : (
        <Flex vertical gap={8} style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}>
          {q.data.items.map((n) => (
            <NotificationItem key={n.id} n={n} />
          ))}
          {q.data.total > PAGE_SIZE && (
            <Pagination
              simple
              align="center"
              current={page}
              pageSize={PAGE_SIZE}
              total={q.data.total}
              onChange={(p) => setParams(p > 1 ? { page: String(p) } : {})}
            />
          )}
        </Flex>
      )}
      <NotificationSettings />
    </Flex>
  );
}
