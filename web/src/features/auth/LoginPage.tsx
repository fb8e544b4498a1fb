import { useEffect, useState } from 'react';
import { Button, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useLocale, useMessages } from '../../lib/i18n.tsx';
import { forgetAllButMe, ME_KEY } from '../../lib/query.ts';
import { login } from './api.ts';
import { signedIn } from './session.ts';
import { AuthCard } from './AuthCard.tsx';
import { FormError } from './CodeStep.tsx';
import { authMessages } from './messages.ts';
import { recoveryMessages } from './recovery.messages.ts';

interface LoginForm {
  username: string;
  password: string;
}

/** Password sign-in. The route gate moves on (second factor or console) once /me is known. */
export default function LoginPage() {
  const t = useMessages(authMessages);
  const r = useMessages(recoveryMessages);
  const { chosen, setLocale } = useLocale();
  const qc = useQueryClient();
  const [form] = Form.useForm<LoginForm>();
  const [error, setError] = useState<string | null>(null);
  const [params] = useSearchParams();
  const next = params.get('next');
  const mutation = useMutation({
    mutationFn: (v: LoginForm) => login(v.username.trim(), v.password),
    onMutate: () => setError(null),
    onSuccess: (me) => {
      if (!chosen) setLocale(me.locale);
      // Nothing cached for an earlier session (another user's lists, an unfinished enrolment) may show.
      // The /me entry stays: the route gates are subscribed to it and move on when it changes.
      forgetAllButMe(qc);
      signedIn();
      qc.setQueryData(ME_KEY, me);
    },
    onError: (e) => {
      setError(e.message);
      form.setFieldValue('password', '');
    },
  });

  // After a failure, straight back to the (cleared) password field.
  useEffect(() => {
    if (error && !mutation.isPending) form.focusField('password');
  }, [error, mutation.isPending, form]);

  return (
    <AuthCard title={t.signInTitle}>
      <Form<LoginForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
        disabled={mutation.isPending}
        size="large"
      >
        <Form.Item
          name="username"
          label={t.loginName}
          rules={[{ required: true, message: t.usernameRequired }]}
        >
          <Input
            prefix={<UserOutlined aria-hidden />}
            autoComplete="username"
            autoFocus
            autoCapitalize="none"
            spellCheck={false}
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t.password}
          rules={[{ required: true, message: t.passwordRequired }]}
        >
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
        </Form.Item>
        <FormError error={error} testId="login-error" />
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={mutation.isPending}
          data-testid="login-submit"
        >
          {mutation.isPending ? t.signingIn : t.signIn}
        </Button>
      </Form>
      <Typography.Paragraph style={{ textAlign: 'center', margin: '16px 0 0' }}>
        <Link to="/forgot-password" data-testid="forgot-link">
          {r.forgotLink}
        </Link>
        {' · '}
        <Link to="/claim" data-testid="claim-link">
          {r.claimLink}
        </Link>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ textAlign: 'center', margin: '8px 0 0' }}>
        {t.noAccount}{' '}
        <Link
          to={next ? `/m/register?next=${encodeURIComponent(next)}` : '/m/register'}
          data-testid="register-link"
        >
          {t.registerLink}
        </Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
