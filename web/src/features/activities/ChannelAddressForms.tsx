import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { NotificationPreferences } from '@yiqi/shared/contracts/notifications';
import { isEmailAddress } from '@yiqi/shared/identity/email';
import { api } from '../../lib/api.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { notifySettingsMessages } from './notify-settings.messages.ts';

type Prefs = z.infer<typeof NotificationPreferences>;
export const PREFS_KEY = ['notifications', 'preferences'] as const;

/** Saves a preferences answer (every address route answers with the channels as they now are). */
function useSavePrefs() {
  const qc = useQueryClient();
  return (data: Prefs) => qc.setQueryData(PREFS_KEY, data);
}

/**
 * Adding or changing the e-mail address: the address, a code sent to it through the e-mail channel, then
 * the code. `bound`: the address on record, masked, when there is one (then: change or remove).
 */
export function EmailAddressForm({ bound }: { bound: string | null }) {
  const t = useMessages(notifySettingsMessages);
  const { message } = App.useApp();
  const save = useSavePrefs();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const valid = isEmailAddress(email);
  const reset = () => {
    setOpen(false);
    setEmail('');
    setSentTo(null);
    setCode('');
  };
  const send = useMutation({
    mutationFn: () => api('/api/me/email/code', { method: 'POST', body: { email } }),
    onSuccess: () => setSentTo(email.trim()),
    onError: (e) => void message.error(e.message),
  });
  const verify = useMutation({
    mutationFn: () => api<Prefs>('/api/me/email', { method: 'PUT', body: { email: sentTo, code } }),
    onSuccess: (data) => {
      save(data);
      reset();
      void message.success(t.emailSaved);
    },
    onError: (e) => void message.error(e.message),
  });
  const remove = useMutation({
    mutationFn: () => api<Prefs>('/api/me/email', { method: 'DELETE' }),
    onSuccess: (data) => {
      save(data);
      void message.success(t.emailRemoved);
    },
    onError: (e) => void message.error(e.message),
  });

  if (!open)
    return (
      <Flex gap={12} wrap>
        <Button
          size="small"
          type="link"
          style={{ padding: 0 }}
          onClick={() => setOpen(true)}
          data-testid="add-email"
        >
          {bound ? t.changeEmail : t.addEmail}
        </Button>
        {bound && (
          <Popconfirm title={t.removeEmailConfirm} onConfirm={() => remove.mutate()}>
            <Button size="small" type="link" danger style={{ padding: 0 }} loading={remove.isPending}>
              {t.removeEmail}
            </Button>
          </Popconfirm>
        )}
      </Flex>
    );
  return (
    <Flex vertical gap={8} data-testid="email-form">
      <label htmlFor="notify-email-address">{t.emailLabel}</label>
      <Flex gap={8}>
        <Input
          id="notify-email-address"
          type="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          status={email && !valid ? 'error' : undefined}
          onChange={(e) => setEmail(e.target.value)}
          onPressEnter={() => valid && send.mutate()}
        />
        <Button
          disabled={!valid}
          loading={send.isPending}
          onClick={() => send.mutate()}
          data-testid="send-email-code"
        >
          {sentTo ? t.resend : t.sendCode}
        </Button>
      </Flex>
      {email && !valid && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t.emailInvalid}
        </Typography.Text>
      )}
      {sentTo && (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} role="status">
            {fmt(t.codeSent, { address: sentTo })}
          </Typography.Text>
          <label htmlFor="notify-email-code">{t.codeLabel}</label>
          <Input
            id="notify-email-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          />
        </>
      )}
      <Flex gap={8}>
        <Button onClick={reset}>{t.cancel}</Button>
        <Button
          type="primary"
          disabled={!sentTo || code.length !== 6}
          loading={verify.isPending}
          onClick={() => verify.mutate()}
          data-testid="verify-email"
        >
          {t.verify}
        </Button>
      </Flex>
    </Flex>
  );
}

/**
 * Binding WeChat: the mini-program's login code (wx.login), which the mini-program passes to this page as
 * ?wxcode=…; the server exchanges it for the OpenID. `bound`: the identity on record, masked.
 */
export function WechatBindForm({ bound }: { bound: string | null }) {
  const t = useMessages(notifySettingsMessages);
  const { message } = App.useApp();
  const save = useSavePrefs();
  const fromMiniProgram = new URLSearchParams(location.search).get('wxcode') ?? '';
  const [open, setOpen] = useState(fromMiniProgram !== '' && !bound);
  const [code, setCode] = useState(fromMiniProgram);
  const bind = useMutation({
    mutationFn: () => api<Prefs>('/api/me/wechat', { method: 'PUT', body: { code: code.trim() } }),
    onSuccess: (data) => {
      save(data);
      setOpen(false);
      setCode('');
      void message.success(t.wechatBound);
    },
    onError: (e) => void message.error(e.message),
  });
  const unbind = useMutation({
    mutationFn: () => api<Prefs>('/api/me/wechat', { method: 'DELETE' }),
    onSuccess: (data) => {
      save(data);
      void message.success(t.wechatUnbound);
    },
    onError: (e) => void message.error(e.message),
  });
  if (bound)
    return (
      <Popconfirm title={t.unbindWechatConfirm} onConfirm={() => unbind.mutate()}>
        <Button
          size="small"
          type="link"
          danger
          style={{ padding: 0, alignSelf: 'flex-start' }}
          loading={unbind.isPending}
        >
          {t.unbindWechat}
        </Button>
      </Popconfirm>
    );
  if (!open)
    return (
      <Button
        size="small"
        type="link"
        style={{ padding: 0, alignSelf: 'flex-start' }}
        onClick={() => setOpen(true)}
        data-testid="bind-wechat"
      >
        {t.bindWechat}
      </Button>
    );
  return (
    <Flex vertical gap={8} data-testid="wechat-form">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.wechatHint}
      </Typography.Text>
      <label htmlFor="notify-wechat-code">{t.wechatCodeLabel}</label>
      <Input
        id="notify-wechat-code"
        value={code}
        autoComplete="off"
        onChange={(e) => setCode(e.target.value)}
      />
      <Flex gap={8}>
        <Button onClick={() => setOpen(false)}>{t.cancel}</Button>
        <Button
          type="primary"
          disabled={code.trim().length < 8}
          loading={bind.isPending}
          onClick={() => bind.mutate()}
          data-testid="confirm-wechat"
        >
          {t.bindWechat}
        </Button>
      </Flex>
    </Flex>
  );
}
