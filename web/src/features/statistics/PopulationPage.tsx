import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { useMe } from '../auth/session.ts';
import { getPopulation, savePopulation, type PopulationEntry, type PopulationRowView } from './api.ts';
import { statisticsMessages } from './messages.ts';

type FormValues = { region: string; year: number; population: number; source: string };

/** Lines of "code, level, year, population, source" (tabs from Excel, or commas); null: line n is wrong. */
export function parsePasted(text: string): PopulationEntry[] | { badLine: number } {
  const out: PopulationEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const [code, level, year, population, ...source] = line.split(/\t|,|，/).map((s) => s.trim());
    const entry = {
      code: code ?? '',
      level: Number(level),
      year: Number(year),
      population: Number((population ?? '').replace(/[\s_]/g, '')),
      source: source.join(' ').trim(),
    };
    if (
      !/^\d{12}$/.test(entry.code) ||
      !Number.isInteger(entry.level) ||
      !Number.isInteger(entry.year) ||
      !Number.isInteger(entry.population) ||
      !entry.source
    )
      return { badLine: i + 1 };
    out.push(entry);
  }
  return out;
}

/**
 * 常住人口: the resident population of the admin's region and the regions below it, by year with the
 * source, entered one at a time or pasted from a spreadsheet (all or nothing; each change audited).
 */
export default function PopulationPage() {
  const t = useMessages(statisticsMessages);
  const { message } = App.useApp();
  const me = useMe();
  const grants = (me.data?.roles ?? []).filter((r) => r.role === 'region_admin' && r.scopeType === 'region');
  const [scopeKey, setScopeKey] = useState<string>();
  const scope = grants.find((g) => `${g.scopeId}:${g.scopeLevel}` === scopeKey) ?? grants[0];
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['population', scope?.scopeId, scope?.scopeLevel],
    queryFn: ({ signal }) => getPopulation(scope!.scopeId, scope!.scopeLevel, signal),
    enabled: !!scope,
  });
  const save = useMutation({
    mutationFn: savePopulation,
    onSuccess: (r) => {
      void message.success(fmt(t.saved, { n: r.saved }));
      void qc.invalidateQueries({ queryKey: ['population'] });
      void qc.invalidateQueries({ queryKey: ['statistics-overview'] });
    },
    onError: (e) => void message.error((e as Error).message),
  });
  const [pasted, setPasted] = useState('');
  const parsed = pasted.trim() ? parsePasted(pasted) : [];
  const [form] = Form.useForm<FormValues>();

  if (!scope) return null;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const regionOptions = [
    { value: `${scope.scopeId}:${scope.scopeLevel}`, label: scope.scopeName },
    ...(q.data?.items ?? [])
      .filter((r) => r.code !== scope.scopeId || r.level !== scope.scopeLevel)
      .map((r) => ({ value: `${r.code}:${r.level}`, label: r.name })),
  ].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);

  return (
    <>
      <PageTitle
        title={t.population}
        extra={
          grants.length > 1 && (
            <Select
              aria-label={t.scope}
              value={`${scope.scopeId}:${scope.scopeLevel}`}
              onChange={setScopeKey}
              options={grants.map((g) => ({ value: `${g.scopeId}:${g.scopeLevel}`, label: g.scopeName }))}
            />
          )
        }
      />
      <Typography.Paragraph type="secondary">{t.populationHint}</Typography.Paragraph>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Table<PopulationRowView>
            size="small"
            rowKey="id"
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            locale={{ emptyText: t.noRows }}
            scroll={{ x: true }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            columns={[
              {
                title: t.region,
                dataIndex: 'name',
                render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
              },
              { title: t.year_, dataIndex: 'year' },
              {
                title: t.population,
                dataIndex: 'population',
                align: 'right',
                render: (v: number) => new Intl.NumberFormat('zh-CN').format(v),
              },
              { title: t.source, dataIndex: 'source', ellipsis: true, width: 220 },
              {
                title: t.updatedAt,
                dataIndex: 'updatedAt',
                render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatTime(v)}</span>,
              },
            ]}
          />
        </Card>
        <Card size="small" title={t.add}>
          <Form
            form={form}
            layout="inline"
            initialValues={{ year: new Date().getFullYear() - 1 }}
            onFinish={(v: FormValues) => {
              const [code, level] = v.region.split(':');
              save.mutate([
                {
                  code: code!,
                  level: Number(level),
                  year: v.year,
                  population: v.population,
                  source: v.source,
                },
              ]);
            }}
          >
            <Form.Item name="region" label={t.region} rules={[{ required: true }]}>
              <Select style={{ minWidth: 160 }} options={regionOptions} showSearch optionFilterProp="label" />
            </Form.Item>
            <Form.Item name="year" label={t.year_} rules={[{ required: true }]}>
              <InputNumber min={1950} max={2100} />
            </Form.Item>
            <Form.Item name="population" label={t.population} rules={[{ required: true }]}>
              <InputNumber min={0} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="source" label={t.source} rules={[{ required: true, max: 200 }]}>
              <Input style={{ minWidth: 200 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending} style={{ minHeight: 44 }}>
                {t.save}
              </Button>
            </Form.Item>
          </Form>
        </Card>
        <Card size="small" title={t.paste}>
          <Typography.Paragraph type="secondary">{t.pasteHint}</Typography.Paragraph>
          <Input.TextArea
            rows={5}
            value={pasted}
            onChange={(e) => setPasted(e.target.value)}
            aria-label={t.paste}
            placeholder={`${scope.scopeId}\t${scope.scopeLevel}\t2024\t1795000\t2024 年统计公报`}
          />
          {'badLine' in parsed ? (
            <Typography.Text type="danger">{fmt(t.pasteInvalid, { n: parsed.badLine })}</Typography.Text>
          ) : (
            <Button
              style={{ marginTop: 8, minHeight: 44 }}
              type="primary"
              disabled={parsed.length === 0}
              loading={save.isPending}
              onClick={() => save.mutate(parsed, { onSuccess: () => setPasted('') })}
            >
              {fmt(t.importRows, { n: parsed.length })}
            </Button>
          )}
        </Card>
      </Space>
    </>
  );
}
