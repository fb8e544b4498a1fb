import { App, Card, Flex, Skeleton, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { NotificationPreferences } from '@yiqi/shared/contracts/notifications';
import { api } from '../../lib/api.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { EmailAddressForm, PREFS_KEY, WechatBindForm } from './ChannelAddressForms.tsx';
import { notifySettingsMessages } from './notify-settings.messages.ts';

type Prefs = z.infer<typeof NotificationPreferences>;
type Channel = Prefs['channels'][number]['channel'];

/**
 * The volunteer's outside channels (SMS, WeChat, e-mail) under the inbox; the inbox itself is always on.
 * A channel without an address says what is missing and offers to add it (SMS: the phone of the real-name
 * details; e-mail: an address verified by a code; WeChat: a binding).
 */
export function NotificationSettings() {
  const t = useMessages(notifySettingsMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: PREFS_KEY,
    queryFn: ({ signal }) => api<Prefs>('/api/me/notification-preferences', { signal }),
  });
  const save = useMutation({
    mutationFn: (change: Partial<Record<Channel, boolean>>) =>
      api<Prefs>('/api/me/notification-preferences', { method: 'PUT', body: change }),
    onSuccess: (data) => {
      qc.setQueryData(PREFS_KEY, data);
      void message.success(t.saved);
    },
    onError: (e) => void message.error(e.message),
  });
  const missing: Record<Channel, string> = {
    sms: t.smsMissing,
    email: t.emailMissing,
    wechat: t.wechatMissing,
  };
  return (
    <Card size="small" title={t.title} data-testid="notification-settings">
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">{t.inbox}</Typography.Text>
          {q.data.channels.map((c) => (
            <Flex key={c.channel} vertical gap={4} data-testid={`channel-${c.channel}`}>
              <Flex justify="space-between" align="center" gap={12} className="yiqi-touch">
                <label htmlFor={`notify-${c.channel}`}>
                  <Flex vertical>
                    <span>{t[c.channel]}</span>
                    <Typography.Text
                      type={c.available ? 'secondary' : 'warning'}
                      style={{ fontSize: 12 }}
                      data-testid={`channel-${c.channel}-hint`}
                    >
                      {c.addressMasked ? fmt(t.sendsTo, { address: c.addressMasked }) : missing[c.channel]}
                    </Typography.Text>
                  </Flex>
                </label>
                <Switch
                  id={`notify-${c.channel}`}
                  checked={c.enabled}
                  disabled={!c.available && !c.enabled}
                  loading={save.isPending && save.variables?.[c.channel] !== undefined}
                  onChange={(on) => save.mutate({ [c.channel]: on })}
                />
              </Flex>
              {c.channel === 'sms' && !c.available && (
                <Link to="/m/profile" style={{ fontSize: 13 }}>
                  {t.goProfile}
                </Link>
              )}
              {c.channel === 'email' && <EmailAddressForm bound={c.addressMasked} />}
              {c.channel === 'wechat' && <WechatBindForm bound={c.addressMasked} />}
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
