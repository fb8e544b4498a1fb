import { Card, Col, Row, Statistic } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { formatHours } from '../../lib/format.ts';
import type { MyRecords } from './api.ts';
import { myRecordMessages } from './my.messages.ts';

/** Total hours, this year's, activities and records, as four figures. */
export function TotalsCard({ totals }: { totals: MyRecords['totals'] }) {
  const t = useMessages(myRecordMessages);
  const items = [
    { key: 'total', title: t.totalHours, value: formatHours(totals.hours) },
    { key: 'year', title: t.yearHours, value: formatHours(totals.yearHours) },
    { key: 'activities', title: t.activities, value: totals.activities },
    { key: 'records', title: t.records, value: totals.records },
  ];
  return (
    <Card size="small" data-testid="totals">
      <Row gutter={[8, 8]}>
        {items.map((i) => (
          <Col key={i.key} span={12} sm={6}>
            <Statistic title={i.title} value={i.value} styles={{ content: { fontSize: 22 } }} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
