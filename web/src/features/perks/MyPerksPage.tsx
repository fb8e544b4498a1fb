import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Flex, Modal, Skeleton, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { QrImage } from '../activities/console/QrImage.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { keys, myPerks, perkCode, type MyPerk } from './api.ts';
import { perkMessages } from './messages.ts';

/** /m/perks — the perks valid today, what I get at my level, and a one-time code to show at the counter. */
export default function MyPerksPage() {
  const t = useMessages(perkMessages);
  const q = useQuery({ queryKey: keys.mine, queryFn: ({ signal }) => myPerks(signal) });
  const [showing, setShowing] = useState<MyPerk | null>(null);
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.myTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.myIntro}</Typography.Text>
      <Typography.Text strong>{fmt(t.level, { n: q.data.starLevel, h: q.data.hours })}</Typography.Text>
      {q.data.items.length === 0 ? (
        <Empty description={t.empty} />
      ) : (
        q.data.items.map((p) => (
          <Card key={p.id} size="small" data-testid="perk">
            <Flex vertical gap={6}>
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Typography.Text strong>{p.title}</Typography.Text>
                {p.eligible ? (
                  <Tag color="red">
                    {p.myDiscount === 100 ? t.free : fmt(t.off, { n: p.myDiscount ?? 0 })}
                  </Tag>
                ) : (
                  <Tag>
                    {p.minStar > 0
                      ? fmt(t.notEligible, { s: p.minStar })
                      : fmt(t.needHours, { h: p.minHours })}
                  </Tag>
                )}
              </Flex>
              <Typography.Text type="secondary">
                {p.partnerName} · {t[p.partnerKind]} · {fmt(t.validUntil, { d: p.validUntil })}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t[p.limitPeriod]} {fmt(t.used, { u: p.usedThisPeriod, l: p.perPersonLimit })}
              </Typography.Text>
              {p.eligible && (
                <Button type="primary" size="large" block onClick={() => setShowing(p)}>
                  {t.showCode}
                </Button>
              )}
            </Flex>
          </Card>
        ))
      )}
      {showing && <CodeModal perk={showing} onClose={() => setShowing(null)} />}
    </Flex>
  );
}

/** The one-time code as a QR, with its countdown; a new one on demand. */
function CodeModal({ perk, onClose }: { perk: MyPerk; onClose: () => void }) {
  const t = useMessages(perkMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  const code = useMutation({
    mutationFn: () => perkCode(perk.id),
    onError: (e) => void message.error(e.message),
  });
  const { mutate } = code;
  useEffect(() => mutate(), [mutate]);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = code.data ? Math.max(0, Math.round((Date.parse(code.data.expiresAt) - now) / 1000)) : 0;
  return (
    <Modal
      open
      title={perk.title}
      footer={null}
      onCancel={() => {
        void qc.invalidateQueries({ queryKey: keys.mine });
        onClose();
      }}
    >
      <Flex vertical align="center" gap={12}>
        <Typography.Text strong>{t.codeTitle}</Typography.Text>
        {code.data ? (
          <QrImage text={code.data.code} size="min(72vw, 280px)" alt={t.codeTitle} dim={left === 0} />
        ) : (
          <Skeleton.Image active style={{ width: 240, height: 240 }} />
        )}
        <Typography.Text type={left === 0 ? 'danger' : 'secondary'}>
          {left === 0 ? t.expired : fmt(t.codeHint, { s: left })}
        </Typography.Text>
        <Button size="large" onClick={() => code.mutate()} loading={code.isPending}>
          {t.refresh}
        </Button>
      </Flex>
    </Modal>
  );
}
