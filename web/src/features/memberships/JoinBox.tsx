import { useState } from 'react';
import { Card, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { teamMessages } from './messages.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Paste a join link (or a bare organization id) and go to its join page. */
export function JoinBox() {
  const t = useMessages(teamMessages);
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [bad, setBad] = useState(false);
  const go = (raw: string) => {
    const id = UUID.exec(raw)?.[0];
    if (!id) return setBad(true);
    let name = '';
    try {
      name = new URL(raw).searchParams.get('name') ?? '';
    } catch {
      // a bare id
    }
    navigate(`/m/join/${id.toLowerCase()}${name ? `?name=${encodeURIComponent(name)}` : ''}`);
  };
  return (
    <Card size="small" title={t.joinTitle}>
      <Input.Search
        value={value}
        placeholder={t.joinPrompt}
        aria-label={t.joinPrompt}
        enterButton={t.joinGo}
        status={bad ? 'error' : undefined}
        onChange={(e) => {
          setValue(e.target.value);
          setBad(false);
        }}
        onSearch={(v) => v.trim() && go(v.trim())}
      />
      {bad && (
        <Typography.Text type="danger" role="alert" style={{ fontSize: 12 }}>
          {t.joinInvalid}
        </Typography.Text>
      )}
    </Card>
  );
}
