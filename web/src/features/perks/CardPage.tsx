import { Card, Descriptions, Flex, Rate, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { QrImage } from '../activities/console/QrImage.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { BadgesCard } from '../stars/BadgesCard.tsx';
import { keys, myCard } from './api.ts';
import { perkMessages } from './messages.ts';

/** /m/card — the digital volunteer card: name, number, stars, badges and a QR partners verify. */
export default function CardPage() {
  const t = useMessages(perkMessages);
  // The code lasts 10 minutes: fetch a new card every 5.
  const q = useQuery({
    queryKey: keys.card,
    queryFn: ({ signal }) => myCard(signal),
    refetchInterval: 300_000,
  });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  const c = q.data;
  const link = `${location.origin}/card-check?code=${encodeURIComponent(c.code)}`;
  return (
    <Flex vertical gap={12}>
      <Card
        data-testid="volunteer-card"
        style={{ background: 'linear-gradient(135deg, #c41d1d 0%, #e8590c 100%)', color: '#fff', border: 0 }}
      >
        <Flex vertical gap={6}>
          <Typography.Text style={{ color: '#ffe7ba' }}>{t.cardTitle}</Typography.Text>
          <Typography.Title level={2} style={{ color: '#fff', margin: 0 }}>
            {c.name}
          </Typography.Title>
          <Rate disabled count={5} value={c.starLevel} style={{ color: '#ffd666' }} />
          <Descriptions
            column={1}
            size="small"
            labelStyle={{ color: '#ffe7ba' }}
            contentStyle={{ color: '#fff' }}
            items={[
              { key: 'no', label: t.volunteerNo, children: c.volunteerNo },
              { key: 'hours', label: t.hours, children: `${c.hours} h` },
            ]}
          />
          <Flex justify="center" style={{ background: '#fff', borderRadius: 8, padding: 8 }}>
            <QrImage text={link} size="min(60vw, 220px)" alt={t.cardTitle} />
          </Flex>
        </Flex>
      </Card>
      <Typography.Text type="secondary">{t.cardHint}</Typography.Text>
      <BadgesCard badges={c.badges} />
    </Flex>
  );
}
