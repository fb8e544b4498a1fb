import { Card, Col, Row, Statistic, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import type { FigureKey, FigureView } from '@yiqi/shared/contracts/statistics';
import { FIGURE_NAMES, RATIO_FIGURES } from '@yiqi/shared/figure-names';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { formatHours } from '../../lib/format.ts';
import { statisticsMessages } from './messages.ts';
import { pct } from './Panels.tsx';

/** The headline figures, in this order, for a region; an organization skips those not for it. */
export const HEADLINE: readonly FigureKey[] = [
  'registered',
  'newRegistered',
  'coverage',
  'active',
  'activeShare',
  'hours',
  'hoursPerRegisteredYear',
  'activitiesHeld',
  'fillRate',
  'organizations',
  'activeTeams',
  'recordsOnTime',
  'recordsOverdue',
  'certificatesIssued',
  'ordersReceived',
  'completionRate',
  'satisfaction',
  'civicReportsFiled',
  'rectificationRate',
];

const HOURS: readonly FigureKey[] = ['hours', 'hoursPerRegisteredYear', 'hoursPerActiveYear'];

/** A figure's value as shown: percent for ratios, one decimal for hours, whole numbers otherwise. */
export function formatFigure(key: FigureKey, v: number): string {
  if (RATIO_FIGURES.includes(key)) return pct(v);
  if (HOURS.includes(key)) return formatHours(v);
  return new Intl.NumberFormat('zh-CN').format(Math.round(v * 10) / 10);
}

export function FigureCards({
  figures,
  skipUnavailable,
}: {
  figures: Record<string, FigureView>;
  skipUnavailable?: boolean;
}) {
  const t = useMessages(statisticsMessages);
  const text = useText();
  const reason = (f: FigureView) =>
    ({
      not_yet_collected: t.notYetCollected,
      no_population: t.noPopulation,
      no_base: t.noBase,
      not_for_period: t.notForPeriod,
      not_for_unit: t.notForUnit,
      suppressed: t.suppressed,
    })[f.unavailable ?? 'no_base'];
  const keys = HEADLINE.filter(
    (k) => figures[k] && !(skipUnavailable && figures[k]!.unavailable === 'not_for_unit'),
  );
  return (
    <Row gutter={[12, 12]} className="stats-figures">
      {keys.map((k) => {
        const f = figures[k]!;
        const change = f.value !== null && f.previous !== null ? f.value - f.previous : null;
        return (
          <Col key={k} xs={12} sm={8} lg={6} xl={4}>
            <Card size="small" style={{ height: '100%' }} data-figure={k}>
              <Statistic
                title={text(FIGURE_NAMES[k])}
                value={f.value === null ? '—' : formatFigure(k, f.value)}
                valueStyle={{ fontSize: 22 }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {f.value === null ? (
                  reason(f)
                ) : f.previous === null ? (
                  t.noPrevious
                ) : (
                  <>
                    {change !== null && change > 0 && (
                      <ArrowUpOutlined aria-hidden style={{ color: '#389e0d' }} />
                    )}
                    {change !== null && change < 0 && (
                      <ArrowDownOutlined aria-hidden style={{ color: '#cf1322' }} />
                    )}{' '}
                    {fmt(t.previous, { v: formatFigure(k, f.previous) })}
                  </>
                )}
              </Typography.Text>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
