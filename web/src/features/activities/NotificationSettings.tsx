import { App, Card, Flex, Skeleton, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { NotificationPreferences } from '@yiqi/shared/contracts/notifications';
import { api } from '../../lib/api.ts';
import { defineMessages, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';

type Prefs = z.infer<typeof NotificationPreferences>;
type Channel = Prefs['channels'][number]['channel'];
const KEY = ['notifications', 'preferences'] as const;

const messages = defineMessages(
  {
    title: '通知方式',
    inbox: '站内消息始终开启；您还可以选择以下方式同时通知您。',
    sms: '短信',
    wechat: '微信',
    email: '电子邮件',
    smsHint: '发送到实名信息中登记的手机号',
    notLinked: '尚未绑定',
    saved: '通知方式已保存',
  },
  {
    title: '通知方式',
    inbox: '站內訊息始終開啟；您還可以選擇以下方式同時通知您。',
    sms: '短訊',
    wechat: '微信',
    email: '電子郵件',
    smsHint: '發送到實名資料中登記的手機號碼',
    notLinked: '尚未綁定',
    saved: '通知方式已儲存',
  },
  {
    title: 'How to reach you',
    inbox: 'Notices always appear here; you may also get them by:',
    sms: 'Text message',
    wechat: 'WeChat',
    email: 'E-mail',
    smsHint: 'to the phone number in your real-name details',
    notLinked: 'not linked yet',
    saved: 'Saved',
  },
);

/** The volunteer's outside channels (SMS, WeChat, e-mail) under the inbox; the inbox itself is always on. */
export function NotificationSettings() {
  const t = useMessages(messages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api<Prefs>('/api/me/notification-preferences', { signal }),
  });
  const save = useMutation({
    mutationFn: (change: Partial<Record<Channel, boolean>>) =>
      api<Prefs>('/api/me/notification-preferences', { method: 'PUT', body: change }),
    onSuccess: (data) => {
      qc.setQueryData(KEY, data);
      void message.success(t.saved);
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Card size="small" title={t.title}>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t.inbox}</Typography.Text>
          {q.data.channels.map((c) => (
            <Flex key={c.channel} justify="space-between" align="center" gap={12} className="yiqi-touch">
              <label htmlFor={`notify-${c.channel}`}>
                <Flex vertical>
                  <span>{t[c.channel]}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.available ? (c.channel === 'sms' ? t.smsHint : '') : t.notLinked}
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
          ))}
        </Flex>
      )}
    </Card>
  );
}
