import type { PopulationRow, StatisticsOverviewView } from '@yiqi/shared/contracts/statistics';
import type { z } from 'zod';
import { api } from '../../lib/api.ts';

export type { StatisticsOverviewView };
export type PopulationRowView = z.infer<typeof PopulationRow>;

/** What the dashboard shows: a region at a level, or an organization. */
export type Unit = { kind: 'region'; code: string; level: number } | { kind: 'organization'; id: string };

export const overviewKey = (unit: Unit, from: string, to: string) =>
  ['statistics-overview', unit, from, to] as const;

export function overviewPath(unit: Unit) {
  return unit.kind === 'region'
    ? '/api/statistics/overview'
    : `/api/statistics/organizations/${unit.id}/overview`;
}
export function overviewQuery(unit: Unit, from: string, to: string): Record<string, string> {
  return unit.kind === 'region' ? { region: unit.code, level: String(unit.level), from, to } : { from, to };
}

export const getOverview = (unit: Unit, from: string, to: string, signal?: AbortSignal) =>
  api<StatisticsOverviewView>(overviewPath(unit), { query: overviewQuery(unit, from, to), signal });

export const getPopulation = (region: string, level: number, signal?: AbortSignal) =>
  api<{ items: PopulationRowView[] }>('/api/statistics/population', {
    query: { region, level: String(level) },
    signal,
  });

export interface PopulationEntry {
  code: string;
  level: number;
  year: number;
  population: number;
  source: string;
}
export const savePopulation = (entries: PopulationEntry[]) =>
  api<{ saved: number }>('/api/statistics/population', { method: 'POST', body: { entries } });
