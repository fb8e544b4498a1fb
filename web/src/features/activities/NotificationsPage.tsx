import { App, Button, Flex, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { EmptyWithHint, PagedCards } from '../common/PagedCards.tsx';
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
      <PagedCards
        query={q}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => setParams(p > 1 ? { page: String(p) } : {})}
        card={(n) => <NotificationItem n={n} />}
        empty={<EmptyWithHint text={t.empty} hint={t.emptyHint} />}
      />
      <NotificationSettings />
    </Flex>
  );
}
