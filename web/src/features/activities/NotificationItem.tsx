import { Badge, Card, Flex, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { markRead, NOTIFICATIONS_KEY, type NotificationRow } from './api.ts';
import { minute } from './format.ts';
import { noticeMessages } from './notice.messages.ts';

/** One notification: bold with a dot while unread; opening it marks it read. */
export function NotificationItem({ n }: { n: NotificationRow }) {
  const t = useMessages(noticeMessages);
  const qc = useQueryClient();
  const read = useMutation({
    mutationFn: () => markRead(n.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
  const unread = n.readAt === null;
  const open = () => unread && !read.isPending && read.mutate();
  return (
    <Card
      size="small"
      hoverable={unread}
      onClick={open}
      data-testid="notification"
      data-unread={unread || undefined}
      style={{ background: unread ? '#fff' : '#fafafa', borderColor: unread ? '#ffbb96' : undefined }}
    >
      <Flex gap={10} align="flex-start">
        <span style={{ paddingTop: 6, width: 8, flexShrink: 0 }}>
          {unread && <Badge status="error" aria-label={t.unreadMark} title={t.unreadMark} />}
        </span>
        <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Flex justify="space-between" gap={8} align="baseline" wrap>
            <Typography.Text strong={unread} style={{ fontSize: 15 }}>
              {n.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {minute(n.createdAt)}
            </Typography.Text>
          </Flex>
          <Typography.Text type={unread ? undefined : 'secondary'} style={{ whiteSpace: 'pre-wrap' }}>
            {n.body}
          </Typography.Text>
          {n.activityId && (
            <Link
              to={`/m/activities/${n.activityId}`}
              onClick={(e) => {
                e.stopPropagation();
                open();
              }}
              style={{ alignSelf: 'flex-start' }}
            >
              {t.openActivity}
            </Link>
          )}
          {n.link && (
            <Link
              to={n.link}
              onClick={(e) => {
                e.stopPropagation();
                open();
              }}
              style={{ alignSelf: 'flex-start' }}
            >
              {t.openLink}
            </Link>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
