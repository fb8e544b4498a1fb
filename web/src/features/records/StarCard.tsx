import { Card, Flex, Progress, Rate, Typography } from 'antd';
import { STAR_HOURS } from '@yiqi/shared/contracts/records';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { MyRecords } from './api.ts';
import { myRecordMessages } from './my.messages.ts';
import { formatHours } from '../../lib/format.ts';

/** Stars reached by confirmed hours and how far the next one is (certification is a separate step). */
export function StarCard({ totals }: { totals: MyRecords['totals'] }) {
  const t = useMessages(myRecordMessages);
  const stars = totals.starsByHours;
  const next = totals.nextStarHours;
  const from = stars > 0 ? (STAR_HOURS[stars - 1] ?? 0) : 0;
  const percent = next ? Math.min(100, Math.max(0, ((totals.hours - from) / (next - from)) * 100)) : 100;
  return (
    <Card size="small" title={t.stars} data-testid="stars">
      <Flex vertical gap={6}>
        <Flex align="center" gap={8} wrap>
          <Rate disabled count={STAR_HOURS.length} value={stars} style={{ fontSize: 18 }} />
          <Typography.Text strong>
            {stars ? fmt(t.starsReached, { n: stars }) : fmt(t.noStar, { h: STAR_HOURS[0] })}
          </Typography.Text>
        </Flex>
        <Progress percent={Math.floor(percent)} showInfo={false} size="small" strokeColor="#d4380d" />
        <Typography.Text type="secondary">
          {next ? fmt(t.toNext, { h: formatHours(next - totals.hours), n: stars + 1 }) : t.topStar}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t.starNote}
        </Typography.Text>
      </Flex>
    </Card>
  );
}
