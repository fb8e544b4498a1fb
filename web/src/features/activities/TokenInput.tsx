import { useState } from 'react';
import { Flex, Input, Typography } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { parseToken } from './qr.ts';
import { scanMessages } from './scan.messages.ts';

/** The check-in code typed or pasted by hand: the link from the QR code, or the code alone. */
export function TokenInput({ onToken }: { onToken: (token: string) => void }) {
  const t = useMessages(scanMessages);
  const [value, setValue] = useState('');
  const [bad, setBad] = useState(false);
  const submit = (raw: string) => {
    const token = parseToken(raw);
    if (token) onToken(token);
    else setBad(raw.trim() !== '');
  };
  return (
    <Flex vertical gap={6}>
      <label htmlFor="scan-token">
        <Typography.Text strong>{t.manualLabel}</Typography.Text>
      </label>
      <Input.Search
        id="scan-token"
        value={value}
        allowClear
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        placeholder={t.manualPlaceholder}
        enterButton={t.manualGo}
        status={bad ? 'error' : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setBad(false);
        }}
        onSearch={submit}
        data-testid="scan-token-input"
      />
      {bad && (
        <Typography.Text type="danger" role="alert" style={{ fontSize: 12 }}>
          {t.invalid}
        </Typography.Text>
      )}
    </Flex>
  );
}
