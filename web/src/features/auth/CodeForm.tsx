import { useRef, useState } from 'react';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import type { OTPRef } from 'antd/es/input/OTP';
import { useMutation } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { authMessages } from './messages.ts';

/**
 * Six-digit code entry: submits by itself when the sixth digit arrives, or with Enter / the button.
 * On a wrong code the field clears and takes focus again.
 */
export function CodeForm({
  submit,
  onDone,
  label,
}: {
  submit: (code: string) => Promise<unknown>;
  onDone: () => void;
  label: string;
}) {
  const t = useMessages(authMessages);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const otp = useRef<OTPRef>(null);
  const mutation = useMutation({
    mutationFn: submit,
    onMutate: () => setError(null),
    onSuccess: onDone,
    onError: (e) => {
      setError(e.message);
      setCode('');
      setTimeout(() => otp.current?.focus(), 0);
    },
  });

  const send = (value: string) => {
    if (/^\d{6}$/.test(value) && !mutation.isPending) mutation.mutate(value);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        send(code);
      }}
    >
      <Flex vertical gap={16}>
        <div>
          <Typography.Text strong id="code-label">
            {t.code}
          </Typography.Text>
          <Typography.Text type="secondary"> · {t.codeHint}</Typography.Text>
        </div>
        <div data-testid="totp-code">
          <Input.OTP
            ref={otp}
            aria-labelledby="code-label"
            length={6}
            size="large"
            autoFocus
            autoComplete="one-time-code"
            inputMode="numeric"
            value={code}
            disabled={mutation.isPending}
            formatter={(v) => v.replace(/\D/g, '')}
            onInput={(cells) => setCode(cells.join(''))}
            onChange={(v) => {
              setCode(v);
              send(v);
            }}
          />
        </div>
        {error && <Alert type="error" showIcon title={error} role="alert" data-testid="code-error" />}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={mutation.isPending}
          disabled={code.length !== 6}
        >
          {label}
        </Button>
      </Flex>
    </form>
  );
}
