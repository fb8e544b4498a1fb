import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  InputNumber,
  Segmented,
  Select,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CIVIC_CATEGORIES } from '@yiqi/shared/contracts/civic';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { RegionPicker } from '../../regions/RegionPicker.tsx';
import { OrgPicker } from '../../organizations/OrgPicker.tsx';
import { useCurrentUser } from '../../auth/session.ts';
import { CIVIC_KEY, civicFigures, civicRoutes, setCivicRoute, type CivicRoute } from '../api.ts';
import { civicMessages } from '../messages.ts';
import { civicRulesMessages } from './rules.messages.ts';

type Period = 'thisMonth' | 'lastMonth' | 'thisYear';

/** [from, to] as China calendar days for a period around `now` (UTC+8, no daylight saving). */
export function periodDays(period: Period, now: Date): { from: string; to: string } {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const [y, m] = day.split('-').map(Number) as [number, number];
  const iso = (yy: number, mm: number, dd: number) =>
    `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  if (period === 'thisYear') return { from: iso(y, 1, 1), to: day };
  if (period === 'thisMonth') return { from: iso(y, m, 1), to: day };
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  return { from: iso(py, pm, 1), to: iso(py, pm, last) };
}

/**
 * /civic/rules (console, region admins) — the figures of a region's civic reports over a period, and the
 * routing rules that send its cases to a responsible unit with a deadline in working days.
 */
export default function CivicRulesPage() {
  const t = useMessages(civicRulesMessages);
  const c = useMessages(civicMessages);
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const own = me.roles.find((r) => r.role === 'region_admin' && r.scopeType === 'region')?.scopeId;
  const [region, setRegion] = useState<string | undefined>(own);
  const [period, setPeriod] = useState<Period>('thisMonth');
  const days = periodDays(period, new Date());
  const [form] = Form.useForm<{ category: string; unitId: string; deadlineDays: number }>();

  const figures = useQuery({
    queryKey: [...CIVIC_KEY, 'figures', region, days.from, days.to],
    queryFn: ({ signal }) => civicFigures({ region: region!, ...days }, signal),
    enabled: Boolean(region),
  });
  const rules = useQuery({
    queryKey: [...CIVIC_KEY, 'routes', region],
    queryFn: ({ signal }) => civicRoutes(region!, signal),
    enabled: Boolean(region),
  });
  const save = useMutation({
    mutationFn: setCivicRoute,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: [...CIVIC_KEY, 'routes'] });
      void message.success(t.saved);
      form.resetFields(['unitId']);
    },
    onError: (e) => void message.error(e.message),
  });
  const catName = (k: string) => (k === 'any' ? t.anyCategory : c[`cat_${k as 'other'}`]);
  const f = figures.data;

  return (
    <Flex vertical gap={16}>
      <PageTitle title={t.rulesTitle} />
      <Flex gap={8} wrap align="center">
        <div style={{ minWidth: 260 }}>
          <RegionPicker value={region} onChange={setRegion} placeholder={t.pickRegion} />
        </div>
        <Segmented
          value={period}
          onChange={(v) => setPeriod(v as Period)}
          options={(['thisMonth', 'lastMonth', 'thisYear'] as const).map((p) => ({ value: p, label: t[p] }))}
        />
        <Typography.Text type="secondary">
          {days.from} – {days.to}
        </Typography.Text>
      </Flex>

      <Card title={t.figuresTitle} loading={figures.isLoading && Boolean(region)}>
        {figures.isError ? (
          <ErrorResult error={figures.error} onRetry={() => void figures.refetch()} />
        ) : !region ? (
          <Typography.Text type="secondary">{t.pickRegion}</Typography.Text>
        ) : (
          <Flex vertical gap={16}>
            <Flex gap={32} wrap>
              <Statistic title={t.filed} value={f?.filed ?? 0} />
              <Statistic title={t.rectified} value={f?.rectified ?? 0} />
              <Statistic
                title={t.rate}
                value={
                  f?.rectificationRate == null ? t.notCollected : `${(f.rectificationRate * 100).toFixed(1)}%`
                }
              />
              <Statistic title={t.overdue} value={f?.overdue ?? 0} />
              <Statistic title={t.reopened} value={f?.reopened ?? 0} />
            </Flex>
            <Table
              size="small"
              rowKey="category"
              pagination={false}
              dataSource={f?.byCategory ?? []}
              locale={{ emptyText: t.notCollected }}
              columns={[
                { title: t.category, dataIndex: 'category', render: catName },
                { title: t.filed, dataIndex: 'filed', width: 120 },
                { title: t.rectified, dataIndex: 'rectified', width: 120 },
              ]}
            />
          </Flex>
        )}
      </Card>

      <Card title={t.rulesHeading}>
        <Typography.Paragraph type="secondary">{t.rulesIntro}</Typography.Paragraph>
        {rules.isError ? (
          <ErrorResult error={rules.error} onRetry={() => void rules.refetch()} />
        ) : (
          <Table<CivicRoute>
            size="small"
            rowKey="id"
            loading={rules.isFetching}
            pagination={false}
            dataSource={rules.data?.items ?? []}
            locale={{ emptyText: region ? t.rulesEmpty : t.pickRegion }}
            scroll={{ x: 640 }}
            columns={[
              { title: t.category, dataIndex: 'category', render: catName },
              { title: t.unit, dataIndex: 'unitName' },
              {
                title: t.deadline,
                dataIndex: 'deadlineDays',
                width: 140,
                render: (n: number) => fmt(t.days, { n }),
              },
              { title: t.ruleRegion, dataIndex: 'regionName', width: 150 },
            ]}
          />
        )}
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 16, rowGap: 12 }}
          initialValues={{ category: 'any', deadlineDays: 5 }}
          disabled={!region}
          onFinish={(v) =>
            save.mutate({
              region: region!,
              category: v.category as 'any',
              unitId: v.unitId,
              deadlineDays: v.deadlineDays,
            })
          }
        >
          <Form.Item name="category" label={t.category} rules={[{ required: true }]}>
            <Select
              style={{ minWidth: 220 }}
              options={['any', ...CIVIC_CATEGORIES].map((k) => ({ value: k, label: catName(k) }))}
            />
          </Form.Item>
          <Form.Item name="unitId" label={t.unit} rules={[{ required: true, message: t.unitPick }]}>
            <OrgPicker
              id="civic-rule-unit"
              placeholder={t.unitPick}
              onChange={(id) => form.setFieldValue('unitId', id)}
            />
          </Form.Item>
          <Form.Item name="deadlineDays" label={t.deadline} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} addonAfter={t.dayUnit} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t.save}
            </Button>
          </Form.Item>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t.replaces}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
