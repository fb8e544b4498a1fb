import type { ReactNode } from 'react';
import { Alert, Form, Input, Typography } from 'antd';
import { Link } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { recoveryMessages } from './recovery.messages.ts';

/**
 * The step after a code was texted, shared by claim, password reset and registration: a note that the
 * code is on its way, then the six-digit field of the surrounding Form. The defaults are the recovery
 * pages' (claim and reset); registration names its own field, texts and test ids.
 */
export function CodeStep({
  sent,
  description,
  name = 'code',
  label,
  required,
  sentTestId = 'code-sent',
  inputTestId = 'sms-code',
}: {
  sent: string;
  description?: ReactNode;
  name?: string;
  label?: string;
  /** The message when the field is empty or not six digits. */
  required?: string;
  sentTestId?: string;
  inputTestId?: string;
}) {
  const t = useMessages(recoveryMessages);
  return (
    <>
      <Alert
        type="info"
        showIcon
        title={sent}
        description={description}
        style={{ marginBottom: 16 }}
        data-testid={sentTestId}
      />
      <Form.Item
        name={name}
        label={label ?? t.code}
        rules={[{ required: true, pattern: /^\d{6}$/, message: required ?? t.codeRequired }]}
      >
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          autoFocus
          data-testid={inputTestId}
        />
      </Form.Item>
    </>
  );
}

/** A form's last error, announced to screen readers. */
export function FormError({ error, testId }: { error: string | null; testId: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error}
      role="alert"
      style={{ marginBottom: 16 }}
      data-testid={testId}
    />
  );
}

/** Under the claim and reset forms: send the code again (once one was sent), and back to sign-in. */
export function ResendOrBack({ onResend }: { onResend?: () => void }) {
  const t = useMessages(recoveryMessages);
  return (
    <Typography.Paragraph style={{ textAlign: 'center', margin: '16px 0 0' }}>
      {onResend && (
        <>
          <Typography.Link onClick={onResend}>{t.resend}</Typography.Link>
          {' · '}
        </>
      )}
      <Link to="/login">{t.backToLogin}</Link>
    </Typography.Paragraph>
  );
}
