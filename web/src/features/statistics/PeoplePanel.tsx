import { useMemo } from 'react';
import { Col, Row, Table } from 'antd';
import type { StatisticsOverviewView } from '@yiqi/shared/contracts/statistics';
import { AGE_BAND_NAMES, GENDER_NAMES } from '@yiqi/shared/figure-names';
import { useMessages, useText } from '../../lib/i18n.tsx';
import { Chart } from './Chart.tsx';
import { ChartCard } from './Panels.tsx';
import { statisticsMessages } from './messages.ts';

/** A gender keeps its colour whichever groups are empty (the empty ones are not drawn). */
const GENDER_COLORS: Record<string, string> = { female: '#d4380d', male: '#1677ff', unknown: '#bfbfbf' };

/**
 * Registered volunteers at the end of the period by gender (pie) and by age band (bars), with the table
 * view and the workbook export like every chart (regions only: an organization's overview has none).
 */
export function PeoplePanel({
  o,
  exportPath,
  exportQuery,
}: {
  o: StatisticsOverviewView;
  exportPath: string;
  exportQuery: Record<string, string>;
}) {
  const t = useMessages(statisticsMessages);
  const text = useText();
  const genders = useMemo(
    () =>
      (o.genders ?? []).map((g) => ({ key: g.gender, name: text(GENDER_NAMES[g.gender]), n: g.registered })),
    [o, text],
  );
  const bands = useMemo(
    () =>
      (o.ageBands ?? []).map((b) => ({ key: b.band, name: text(AGE_BAND_NAMES[b.band]), n: b.registered })),
    [o, text],
  );
  const pie = useMemo(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          name: t.gender,
          type: 'pie',
          // Room beside the ring for "12（50%）" on a phone, whose labels were cut to "12…".
          radius: ['30%', '55%'],
          // Numbers on the chart itself: a phone has no hover for the tooltip. Empty groups stay in the
          // table (a 0 slice would only put a label on nothing).
          label: { formatter: '{b}\n{c}（{d}%）', overflow: 'none' },
          data: genders
            .filter((g) => g.n > 0)
            .map((g) => ({
              name: g.name,
              value: g.n,
              itemStyle: { color: GENDER_COLORS[g.key] ?? '#bfbfbf' },
            })),
        },
      ],
    }),
    [genders, t],
  );
  // Horizontal bars: every band's name stays readable on a phone (a vertical axis hid every other one).
  const bars = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      yAxis: { type: 'category', inverse: true, data: bands.map((b) => b.name) },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t.registered,
          type: 'bar',
          data: bands.map((b) => b.n),
          itemStyle: { color: '#d4380d' },
          label: { show: true, position: 'right' },
        },
      ],
    }),
    [bands, t],
  );
  const table = (title: string, rows: { key: string; name: string; n: number }[]) => (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={rows}
      columns={[
        { title, dataIndex: 'name' },
        {
          title: t.registered,
          dataIndex: 'n',
          align: 'right',
          render: (v: number) => new Intl.NumberFormat('zh-CN').format(v),
        },
      ]}
    />
  );
  return (
    <ChartCard
      title={t.people}
      exportPath={exportPath}
      exportQuery={exportQuery}
      chart={
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Chart option={pie} label={t.gender} height={220} />
          </Col>
          <Col xs={24} md={14}>
            <Chart option={bars} label={t.ageBand} height={220} />
          </Col>
        </Row>
      }
      table={
        <Row gutter={16}>
          <Col xs={24} md={10}>
            {table(t.gender, genders)}
          </Col>
          <Col xs={24} md={14}>
            {table(t.ageBand, bands)}
          </Col>
        </Row>
      }
    />
  );
}
