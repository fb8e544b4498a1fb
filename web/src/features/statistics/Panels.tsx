import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card, Empty, Segmented, Space, Table } from 'antd';
import type { StatisticsOverviewView } from '@yiqi/shared/contracts/statistics';
import { useMessages } from '../../lib/i18n.tsx';
import { formatHours } from '../../lib/format.ts';
import { ExportButton } from '../common/ExportButton.tsx';
import { useCategoryName } from '../common/categoryName.ts';
import { Chart } from './Chart.tsx';
import { statisticsMessages } from './messages.ts';

type Overview = StatisticsOverviewView;
type Child = Overview['children'][number];

/** A fraction as a percentage: one decimal, or two significant digits below 0.1 % (coverage of a street). */
export const pct = (v: number | null) =>
  v === null ? '—' : v > 0 && v < 0.001 ? `${(v * 100).toPrecision(2)}%` : `${(v * 100).toFixed(1)}%`;
const num = (v: number | null) => (v === null ? '—' : new Intl.NumberFormat('zh-CN').format(v));

/** A chart card with its table view and the workbook export (the workbook holds every table). */
export function ChartCard({
  title,
  chart,
  table,
  exportPath,
  exportQuery,
}: {
  title: string;
  chart: ReactNode;
  table: ReactNode;
  exportPath: string;
  exportQuery: Record<string, string>;
}) {
  const t = useMessages(statisticsMessages);
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card
      size="small"
      title={title}
      className="stats-panel"
      extra={
        <Space wrap className="stats-no-print">
          <Segmented
            size="small"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { value: 'chart', label: t.chart },
              { value: 'table', label: t.table },
            ]}
          />
          <ExportButton
            path={exportPath}
            query={exportQuery}
            fileName="statistics.xlsx"
            label={t.exportExcel}
          />
        </Space>
      }
    >
      {/* Printed: the table, which paper reads better than a canvas. */}
      <div className={view === 'chart' ? 'stats-screen-only' : 'stats-hidden'}>{chart}</div>
      <div className={view === 'table' ? '' : 'stats-print-only'}>{table}</div>
    </Card>
  );
}

export function TrendPanel({
  o,
  exportPath,
  exportQuery,
}: {
  o: Overview;
  exportPath: string;
  exportQuery: Record<string, string>;
}) {
  const t = useMessages(statisticsMessages);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t.hours, t.active, t.registered] },
      grid: { left: 48, right: 48, top: 56, bottom: 28 },
      xAxis: { type: 'category', data: o.trend.map((p) => p.month) },
      yAxis: [{ type: 'value', name: t.hours }, { type: 'value' }],
      series: [
        {
          name: t.hours,
          type: 'line',
          smooth: true,
          data: o.trend.map((p) => Math.round(p.hours * 10) / 10),
        },
        { name: t.active, type: 'line', yAxisIndex: 1, data: o.trend.map((p) => p.active) },
        ...(o.unit.kind === 'region'
          ? [{ name: t.registered, type: 'line', yAxisIndex: 1, data: o.trend.map((p) => p.registered) }]
          : []),
      ],
    }),
    [o, t],
  );
  return (
    <ChartCard
      title={t.trend}
      exportPath={exportPath}
      exportQuery={exportQuery}
      chart={<Chart option={option} label={t.trend} />}
      table={
        <Table
          size="small"
          rowKey="month"
          pagination={false}
          scroll={{ x: true }}
          dataSource={o.trend}
          columns={[
            { title: t.month_, dataIndex: 'month' },
            { title: t.registered, dataIndex: 'registered', align: 'right', render: num },
            { title: t.newRegistered, dataIndex: 'newRegistered', align: 'right', render: num },
            { title: t.active, dataIndex: 'active', align: 'right', render: num },
            { title: t.hours, dataIndex: 'hours', align: 'right', render: (v: number) => formatHours(v) },
            { title: t.activities, dataIndex: 'activitiesHeld', align: 'right', render: num },
          ]}
        />
      }
    />
  );
}

export function CategoryPanel({
  o,
  exportPath,
  exportQuery,
}: {
  o: Overview;
  exportPath: string;
  exportQuery: Record<string, string>;
}) {
  const t = useMessages(statisticsMessages);
  const name = useCategoryName();
  const label = (c: string) => (c === 'none' ? '—' : name(c));
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 110, right: 24, top: 12, bottom: 24 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: o.categories.map((c) => label(c.category)) },
      series: [
        {
          name: t.hours,
          type: 'bar',
          data: o.categories.map((c) => Math.round(c.hours * 10) / 10),
          itemStyle: { color: '#d4380d' },
        },
      ],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [o, t],
  );
  return (
    <ChartCard
      title={t.categories}
      exportPath={exportPath}
      exportQuery={exportQuery}
      chart={
        <Chart option={option} label={t.categories} height={Math.max(160, 32 * o.categories.length + 40)} />
      }
      table={
        <Table
          size="small"
          rowKey="category"
          pagination={false}
          dataSource={o.categories}
          locale={{ emptyText: t.empty }}
          columns={[
            { title: t.category, dataIndex: 'category', render: label },
            { title: t.hours, dataIndex: 'hours', align: 'right', render: (v: number) => formatHours(v) },
            { title: t.records, dataIndex: 'records', align: 'right' },
          ]}
        />
      }
    />
  );
}

export function RankingPanel({
  o,
  exportPath,
  exportQuery,
  onDrill,
}: {
  o: Overview;
  exportPath: string;
  exportQuery: Record<string, string>;
  onDrill: (c: Child) => void;
}) {
  const t = useMessages(statisticsMessages);
  const top = o.children.slice(0, 15);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t.index, t.registered] },
      grid: { left: 110, right: 48, top: 40, bottom: 24 },
      xAxis: [{ type: 'value', max: 100 }, { type: 'value' }],
      yAxis: { type: 'category', inverse: true, data: top.map((c) => c.name) },
      series: [
        {
          name: t.index,
          type: 'bar',
          data: top.map((c) => c.developmentIndex),
          itemStyle: { color: '#d4380d' },
        },
        {
          name: t.registered,
          type: 'bar',
          xAxisIndex: 1,
          data: top.map((c) => c.registered),
          itemStyle: { color: '#fa8c16' },
        },
      ],
    }),
    [top, t],
  );
  return (
    <ChartCard
      title={t.ranking}
      exportPath={exportPath}
      exportQuery={exportQuery}
      chart={<Chart option={option} label={t.ranking} height={Math.max(200, 36 * top.length + 60)} />}
      table={
        <Table
          size="small"
          rowKey="code"
          scroll={{ x: true }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          dataSource={o.children}
          columns={[
            {
              title: t.name,
              dataIndex: 'name',
              render: (v: string, c: Child) =>
                c.level < 5 ? (
                  <Button type="link" style={{ padding: 0, minHeight: 44 }} onClick={() => onDrill(c)}>
                    {v}
                  </Button>
                ) : (
                  v
                ),
            },
            { title: t.index, dataIndex: 'developmentIndex', align: 'right', render: num },
            { title: t.registered, dataIndex: 'registered', align: 'right', render: num },
            { title: t.active, dataIndex: 'active', align: 'right', render: num },
            { title: t.activeShare, dataIndex: 'activeShare', align: 'right', render: pct },
            { title: t.hours, dataIndex: 'hours', align: 'right', render: (v: number) => formatHours(v) },
            {
              title: t.perYear,
              dataIndex: 'hoursPerRegisteredYear',
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : formatHours(v)),
            },
            { title: t.coverage, dataIndex: 'coverage', align: 'right', render: pct },
            { title: t.organizations, dataIndex: 'organizations', align: 'right' },
            { title: t.activities, dataIndex: 'activitiesHeld', align: 'right' },
          ]}
        />
      }
    />
  );
}
