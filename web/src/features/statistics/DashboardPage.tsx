import { lazy, Suspense, useMemo } from 'react';
import { Alert, Breadcrumb, Button, DatePicker, Select, Segmented, Space, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { PageTitle } from '../common/PageTitle.tsx';
import { ReplicaLagNotice } from '../common/ReplicaLagNotice.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { useMe } from '../auth/session.ts';
import { getOverview, overviewKey, overviewPath, overviewQuery, type Unit } from './api.ts';
import { FigureCards } from './FigureCards.tsx';
import { CategoryPanel, RankingPanel, TrendPanel } from './Panels.tsx';
import { PeoplePanel } from './PeoplePanel.tsx';
import { ExportButton } from '../common/ExportButton.tsx';
import { statisticsMessages } from './messages.ts';
import { periodOf } from './period.ts';
import './print.css';

// The to-do list stays on the console home, below the figures (its own chunk, as on /todo).
const TodoPage = lazy(() => import('../todo/TodoPage.tsx'));

/** A scope the caller may look at: a region grant (drill-down root) or an organization grant. */
interface Scope {
  key: string;
  label: string;
  unit: Unit;
}

/**
 * The console home (工作概览) of region and organization admins: headline figures with the previous
 * period, the monthly trend, hours by category, the child regions ranked with a drill-down to the
 * community, each chart with its table and Excel export, a printable report (the browser's print, with a
 * print stylesheet), and the to-do list below.
 */
export default function DashboardPage() {
  const t = useMessages(statisticsMessages);
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const scopes: Scope[] = useMemo(
    () =>
      (me.data?.roles ?? [])
        .filter((r) => r.role === 'region_admin' || r.role === 'org_admin')
        .map((r) =>
          r.scopeType === 'region'
            ? {
                key: `r:${r.scopeId}:${r.scopeLevel}`,
                label: r.scopeName,
                unit: { kind: 'region', code: r.scopeId, level: r.scopeLevel } as Unit,
              }
            : {
                key: `o:${r.scopeId}`,
                label: r.scopeName,
                unit: { kind: 'organization', id: r.scopeId } as Unit,
              },
        )
        .filter((s, i, all) => all.findIndex((x) => x.key === s.key) === i),
    [me.data],
  );
  const scope = scopes.find((s) => s.key === params.get('scope')) ?? scopes[0];
  // The drill-down path below the scope's root: "code:level" steps.
  const trail = (params.get('trail') ?? '')
    .split(',')
    .filter(Boolean)
    .map((s) => {
      const [code, level, ...name] = s.split(':');
      return { code: code!, level: Number(level), name: name.join(':') };
    });
  const here = trail[trail.length - 1];
  const unit: Unit | undefined =
    here && scope?.unit.kind === 'region'
      ? { kind: 'region', code: here.code, level: here.level }
      : scope?.unit;
  const period = periodOf(params);
  const q = useQuery({
    queryKey: unit ? overviewKey(unit, period.from, period.to) : ['statistics-overview', 'none'],
    queryFn: ({ signal }) => getOverview(unit!, period.from, period.to, signal),
    enabled: !!unit,
  });
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v === null) next.delete(k);
      else next.set(k, v);
    setParams(next, { replace: false });
  };

  if (!scope) return <Alert type="info" message={t.empty} />;
  const o = q.data;
  const exportPath = unit ? `${overviewPath(unit)}.xlsx` : '';
  const exportQuery = unit ? overviewQuery(unit, period.from, period.to) : {};
  const lag = o?.lag;

  return (
    <>
      <PageTitle
        title={
          o
            ? fmt(t.reportTitle, { name: o.unit.name, from: period.from, to: period.to })
            : scope.unit.kind === 'region'
              ? t.title
              : t.orgTitle
        }
        extra={
          <Space wrap className="stats-no-print">
            {scopes.length > 1 && (
              <Select
                aria-label={t.scope}
                style={{ minWidth: 160 }}
                value={scope.key}
                onChange={(v) => set({ scope: v, trail: null })}
                options={scopes.map((s) => ({ value: s.key, label: s.label }))}
              />
            )}
            <Segmented
              value={period.mode}
              onChange={(v) => set({ mode: v as string, at: null })}
              options={[
                { value: 'month', label: t.month },
                { value: 'year', label: t.year },
              ]}
            />
            <DatePicker
              picker={period.mode === 'year' ? 'year' : 'month'}
              allowClear={false}
              value={dayjs(period.mode === 'year' ? `${period.at}-01-01` : `${period.at}-01`)}
              onChange={(d) => d && set({ at: d.format(period.mode === 'year' ? 'YYYY' : 'YYYY-MM') })}
              style={{ minHeight: 44 }}
            />
            <Button
              icon={<PrinterOutlined aria-hidden />}
              onClick={() => window.print()}
              style={{ minHeight: 44 }}
            >
              {t.print}
            </Button>
            {unit && (
              <ExportButton
                path={`${overviewPath(unit)}.pdf`}
                query={exportQuery}
                fileName="monthly-report.pdf"
                label={t.pdf}
              />
            )}
          </Space>
        }
      />
      {scope.unit.kind === 'region' && trail.length > 0 && (
        <Breadcrumb
          className="stats-no-print"
          style={{ margin: '8px 0' }}
          items={[
            { title: <a onClick={() => set({ trail: null })}>{scope.label}</a> },
            ...trail.map((s, i) => ({
              title:
                i === trail.length - 1 ? (
                  s.name
                ) : (
                  <a
                    onClick={() =>
                      set({
                        trail: trail
                          .slice(0, i + 1)
                          .map((x) => `${x.code}:${x.level}:${x.name}`)
                          .join(','),
                      })
                    }
                  >
                    {s.name}
                  </a>
                ),
            })),
          ]}
        />
      )}
      <ReplicaLagNotice path={unit ? overviewPath(unit) : ''} />
      {period.isDefault && (
        <Typography.Paragraph style={{ margin: '8px 0' }} data-testid="stats-default-period">
          {period.mode === 'month'
            ? fmt(t.defaultMonth, { month: period.at })
            : fmt(t.defaultYear, { year: period.at })}
        </Typography.Paragraph>
      )}
      {lag && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }} data-testid="stats-lag">
          {lag.refreshSeconds === null
            ? fmt(t.lagNever, { n: lag.recordEventsSeconds })
            : fmt(t.lag, {
                n: lag.recordEventsSeconds,
                m:
                  lag.refreshSeconds >= 60
                    ? fmt(t.minutes, { n: Math.round(lag.refreshSeconds / 60) })
                    : fmt(t.seconds, { n: lag.refreshSeconds }),
              })}
        </Typography.Paragraph>
      )}
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : !o ? (
        <Spin aria-busy="true" style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <FigureCards figures={o.figures} skipUnavailable={o.unit.kind === 'organization'} />
          <TrendPanel o={o} exportPath={exportPath} exportQuery={exportQuery} />
          <CategoryPanel o={o} exportPath={exportPath} exportQuery={exportQuery} />
          {o.genders && o.ageBands && <PeoplePanel o={o} exportPath={exportPath} exportQuery={exportQuery} />}
          {o.children.length > 0 && (
            <RankingPanel
              o={o}
              exportPath={exportPath}
              exportQuery={exportQuery}
              onDrill={(c) =>
                set({
                  trail: [...trail, { code: c.code, level: c.level, name: c.name }]
                    .map((x) => `${x.code}:${x.level}:${x.name}`)
                    .join(','),
                })
              }
            />
          )}
        </Space>
      )}
      <div className="stats-no-print" style={{ marginTop: 24 }}>
        <Suspense fallback={<Spin aria-busy="true" />}>
          <TodoPage />
        </Suspense>
      </div>
    </>
  );
}
