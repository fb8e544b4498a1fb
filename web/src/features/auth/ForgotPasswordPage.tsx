import { useState } from 'react';
import { App, Button, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { confirmReset, requestResetCode } from './api.ts';
import { AuthCard } from './AuthCard.tsx';
import { CodeStep, FormError, ResendOrBack } from './CodeStep.tsx';
import { PasswordPair } from './PasswordPair.tsx';
import { recoveryMessages } from './recovery.messages.ts';

interface Values {
  identifier: string;
  code: string;
  newPassword: string;
}

/**
 * /forgot-password — public: user name or phone, a code texted to the phone on record, a new password.
 * The page says the same whether or not the account exists (so does the server).
 */
export default function ForgotPasswordPage() {
  const t = useMessages(recoveryMessages);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const request = useMutation({
    mutationFn: (identifier: string) => requestResetCode(identifier),
    onMutate: () => setError(null),
    onSuccess: (_, identifier) => setSentTo(identifier),
    onError: (e) => setError(e.message),
  });
  const reset = useMutation({
    mutationFn: (v: Values) => confirmReset(sentTo!, v.code.trim(), v.newPassword),
    onMutate: () => setError(null),
    onSuccess: () => {
      void message.success(t.resetDone);
      navigate('/login', { replace: true });
    },
    onError: (e) => {
      setError(e.message);
      form.setFieldValue('code', '');
    },
  });

  return (
    <AuthCard title={t.forgotTitle}>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        size="large"
        disabled={request.isPending || reset.isPending}
        onFinish={(v) => (sentTo ? reset.mutate(v) : request.mutate(v.identifier.trim()))}
      >
        {!sentTo ? (
          <>
            <Typography.Paragraph type="secondary">{t.forgotIntro}</Typography.Paragraph>
            <Form.Item
              name="identifier"
              label={t.identifier}
              rules={[{ required: true, whitespace: true, message: t.identifierRequired }]}
            >
              <Input autoComplete="username" autoFocus autoCapitalize="none" spellCheck={false} />
            </Form.Item>
          </>
        ) : (
          <>
            <CodeStep sent={t.codeSentReset} />
            <PasswordPair
              name="newPassword"
              label={t.newPassword}
              confirmLabel={t.confirmPassword}
              rule={t.passwordRule}
              mismatch={t.passwordMismatch}
            />
          </>
        )}
        <FormError error={error} testId="recovery-error" />
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={request.isPending || reset.isPending}
          data-testid="recovery-submit"
        >
          {sentTo ? t.resetSubmit : request.isPending ? t.sending : t.sendCode}
        </Button>
      </Form>
      <ResendOrBack onResend={sentTo ? () => request.mutate(sentTo) : undefined} />
    </AuthCard>
  );
}
