import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { mobileMessages } from '../mobile/messages.ts';
import { listNotifications, NOTIFICATIONS_KEY } from './api.ts';

/** The header's bell: the number of unread notifications, refreshed every minute; opens the list. */
export function NotificationBell() {
  const t = useMessages(mobileMessages);
  const navigate = useNavigate();
  const q = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    queryFn: ({ signal }) => listNotifications({ page: 1, pageSize: 1 }, signal),
    refetchInterval: 60_000,
    retry: false,
  });
  const unread = q.data?.unread ?? 0;
  const label = unread ? `${t.notifications} (${fmt(t.unread, { n: unread })})` : t.notifications;
  return (
    <Button
      type="text"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      onClick={() => navigate('/m/notifications')}
      icon={
        <Badge count={unread} size="small" overflowCount={99}>
          <BellOutlined aria-hidden style={{ fontSize: 18 }} />
        </Badge>
      }
    />
  );
}
