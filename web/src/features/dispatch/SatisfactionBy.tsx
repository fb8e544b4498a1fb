import { Col, Flex, Row, Typography } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { CountsViewT } from './api.ts';
import { dispatchMessages } from './messages.ts';

/**
 * 满意度明细: satisfaction (ratings of 4–5 ÷ ratings) per team that served, per menu item and per community,
 * each with the ratings it rests on, most rated first (the server's order).
 */
export function SatisfactionBy({ by }: { by: CountsViewT['satisfactionBy'] }) {
  const t = useMessages(dispatchMessages);
  const groups = [
    { key: 'team', title: t.satByTeam, rows: by.team },
    { key: 'item', title: t.satByItem, rows: by.item },
    { key: 'region', title: t.satByRegion, rows: by.region },
  ];
  if (groups.every((g) => g.rows.length === 0)) return null;
  return (
    <div data-testid="satisfaction-by" style={{ marginTop: 16 }}>
      <Typography.Text strong>{t.satisfactionBy}</Typography.Text>
      <Row gutter={[24, 8]} style={{ marginTop: 8 }}>
        {groups.map((g) => (
          <Col key={g.key} xs={24} md={8}>
            <Typography.Text type="secondary">{g.title}</Typography.Text>
            <Flex vertical gap={2} style={{ marginTop: 4 }}>
              {g.rows.slice(0, 5).map((r) => (
                <Flex key={r.id} justify="space-between" gap={8}>
                  <Typography.Text ellipsis={{ tooltip: r.name }} style={{ minWidth: 0 }}>
                    {r.name}
                  </Typography.Text>
                  <Typography.Text style={{ whiteSpace: 'nowrap' }}>
                    {Math.round(r.satisfaction * 100)}%{' '}
                    <Typography.Text type="secondary">{fmt(t.ratingsN, { n: r.ratings })}</Typography.Text>
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          </Col>
        ))}
      </Row>
    </div>
  );
}
