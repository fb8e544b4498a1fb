import { Card, Col, Row, Statistic } from 'antd';
import { useMessages } from '../../../lib/i18n.tsx';
import type { Board } from './api.ts';
import { attendanceMessages } from './attendance.messages.ts';

type Counts = Board['counts'];

const COLORS: Record<keyof Counts, string | undefined> = {
  expected: undefined,
  checkedIn: '#389e0d',
  late: '#d48806',
  absent: '#cf1322',
  checkedOut: '#0958d9',
  review: '#722ed1',
};

const ORDER: (keyof Counts)[] = ['expected', 'checkedIn', 'late', 'absent', 'checkedOut', 'review'];

/** The board's totals for the chosen shift, one card each. */
export function BoardCounters({ counts, loading }: { counts: Counts | undefined; loading: boolean }) {
  const t = useMessages(attendanceMessages);
  return (
    <Row gutter={[12, 12]}>
      {ORDER.map((k) => (
        <Col key={k} xs={12} sm={8} xl={4}>
          <Card size="small" data-testid={`count-${k}`}>
            <Statistic
              title={t.counts[k]}
              value={counts?.[k] ?? 0}
              loading={loading}
              styles={{ content: { color: COLORS[k], fontVariantNumeric: 'tabular-nums' } }}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
