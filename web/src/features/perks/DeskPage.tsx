import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Input,
  Popconfirm,
  Result,
  Segmented,
  Skeleton,
  Typography,
} from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { desks, keys, redeemCode, verifyCode, type CodeCheck, type Redemption } from './api.ts';
import { perkMessages } from './messages.ts';

/**
 * /m/desk — a partner's redemption counter on a phone: the volunteer's code (typed, pasted or from a
 * scanner app), checked first (masked name, level, discount), then redeemed once after a confirmation.
 */
export default function DeskPage() {
  const t = useMessages(perkMessages);
  const { message } = App.useApp();
  const q = useQuery({ queryKey: keys.desks, queryFn: ({ signal }) => desks(signal) });
  const [partner, setPartner] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState<CodeCheck | null>(null);
  const [done, setDone] = useState<Redemption | null>(null);
  const current = partner ?? q.data?.items[0]?.id ?? null;
  const verify = useMutation({
    mutationFn: () => verifyCode(current!, code.trim()),
    onSuccess: (c) => {
      setChecked(c);
      setDone(null);
    },
    onError: (e) => {
      // A refused code (used, expired, another partner's) leaves no earlier result on screen.
      setChecked(null);
      setDone(null);
      void message.error(e.message);
    },
  });
  const redeem = useMutation({
    mutationFn: () => redeemCode(current!, code.trim()),
    onSuccess: (r) => {
      setDone(r);
      setChecked(null);
      setCode('');
    },
    onError: (e) => void message.error(e.message),
  });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  if (q.data.items.length === 0) return <Empty description={t.noDesk} />;
  const off = (n: number) => (n === 100 ? t.free : fmt(t.off, { n }));
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.deskTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.deskIntro}</Typography.Text>
      {q.data.items.length > 1 && (
        <Segmented
          block
          value={current ?? undefined}
          options={q.data.items.map((d) => ({ value: d.id, label: d.name }))}
          onChange={(v) => setPartner(v)}
        />
      )}
      {q.data.items.length === 1 && <Typography.Text strong>{q.data.items[0]!.name}</Typography.Text>}
      <Input.TextArea
        rows={3}
        placeholder={t.codeInput}
        value={code}
        onChange={(e) => {
          setCode(e.target.value);
          setChecked(null);
          setDone(null);
        }}
        data-testid="desk-code"
      />
      <Button
        size="large"
        block
        disabled={!code.trim()}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {t.verify}
      </Button>
      {checked && (
        <Card size="small" data-testid="desk-check">
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'v', label: t.volunteer, children: checked.maskedName },
              { key: 's', label: t.stars, children: checked.starLevel },
              { key: 'p', label: t.perk, children: checked.perkTitle },
              { key: 'd', label: t.discount, children: off(checked.discount) },
            ]}
          />
          <Popconfirm
            title={t.redeemConfirm}
            okText={t.redeem}
            cancelText={t.cancel}
            onConfirm={() => redeem.mutate()}
          >
            <Button type="primary" size="large" block loading={redeem.isPending} style={{ marginTop: 12 }}>
              {t.redeem}
            </Button>
          </Popconfirm>
        </Card>
      )}
      {done && (
        <Result
          status="success"
          title={t.redeemed}
          subTitle={`${done.maskedName} · ${done.perkTitle} · ${off(done.discount)}`}
        />
      )}
    </Flex>
  );
}
