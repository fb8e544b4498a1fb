import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Uuid } from '@yiqi/shared/contracts/common';
import {
  OrgStatisticsQuery,
  PopulationImport,
  PopulationImportResult,
  PopulationList,
  PopulationQuery,
  PublicFigures,
  PublicFiguresQuery,
  StatisticsOverview,
  StatisticsOverviewQuery,
} from '@yiqi/shared/contracts/statistics';
import { staff } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import { MEDIA, sendDownload } from '../../http/download.ts';
import * as targets from '../access/targets.ts';
import * as stats from './statistics.service.ts';
import * as population from './population.service.ts';

const tags = ['statistics'];
const OrgParams = z.strictObject({ id: Uuid });

export function registerStatisticsRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/statistics/overview', {
    schema: {
      tags,
      summary:
        'A region’s figures for a period (whole months, Asia/Shanghai) with the previous period’s, the monthly ' +
        'trend, hours by category, the ranking of its child regions and the lag of the rollups',
      querystring: StatisticsOverviewQuery,
      response: { 200: StatisticsOverview },
    },
    // Rollups only: may come from the streaming replica (docs/decisions/0022).
    config: { access: staff(['region_admin'], targets.regionInQuery), readReplica: true },
    handler: (req) => stats.regionOverview(ctxOf(req), req.query),
  });

  r.get('/api/statistics/organizations/:id/overview', {
    schema: {
      tags,
      summary: 'An organization’s figures for a period (its own records, members, activities, certificates)',
      params: OrgParams,
      querystring: OrgStatisticsQuery,
      response: { 200: StatisticsOverview },
    },
    config: { access: staff(['org_admin', 'region_admin'], targets.organizationById), readReplica: true },
    handler: (req) => stats.organizationOverview(ctxOf(req), req.params.id, req.query),
  });

  r.get('/api/statistics/overview.xlsx', {
    schema: {
      tags,
      summary: 'The region overview’s tables (figures, trend, categories, ranking) as an Excel workbook',
      querystring: StatisticsOverviewQuery,
    },
    config: { access: staff(['region_admin'], targets.regionInQuery), readReplica: true },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        MEDIA.xlsx,
        'statistics.xlsx',
        await stats.regionOverviewWorkbook(ctxOf(req), req.query),
      ),
  });

  r.get('/api/statistics/organizations/:id/overview.xlsx', {
    schema: {
      tags,
      summary: 'The organization overview’s tables as an Excel workbook',
      params: OrgParams,
      querystring: OrgStatisticsQuery,
    },
    config: { access: staff(['org_admin', 'region_admin'], targets.organizationById), readReplica: true },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        MEDIA.xlsx,
        'statistics.xlsx',
        await stats.organizationOverviewWorkbook(ctxOf(req), req.params.id, req.query),
      ),
  });

  r.get('/api/statistics/overview.pdf', {
    schema: {
      tags,
      summary: 'The region overview as a printable monthly report (PDF): figures, breakdowns, ranking',
      querystring: StatisticsOverviewQuery,
    },
    config: { access: staff(['region_admin'], targets.regionInQuery), readReplica: true },
    handler: async (req, reply) =>
      sendDownload(reply, MEDIA.pdf, 'report.pdf', await stats.regionOverviewPdf(ctxOf(req), req.query)),
  });

  r.get('/api/statistics/organizations/:id/overview.pdf', {
    schema: {
      tags,
      summary: 'The organization overview as a printable monthly report (PDF)',
      params: OrgParams,
      querystring: OrgStatisticsQuery,
    },
    config: { access: staff(['org_admin', 'region_admin'], targets.organizationById), readReplica: true },
    handler: async (req, reply) =>
      sendDownload(
        reply,
        MEDIA.pdf,
        'report.pdf',
        await stats.organizationOverviewPdf(ctxOf(req), req.params.id, req.query),
      ),
  });

  r.get('/api/public/figures', {
    schema: {
      tags,
      summary:
        'The public home page’s figures of a province and city this year (no personal data; a unit with fewer ' +
        'than 10 registered volunteers shows none)',
      querystring: PublicFiguresQuery,
      response: { 200: PublicFigures },
    },
    config: {
      access: { kind: 'public' },
      rateLimit: { max: 120, timeWindow: 60_000 },
      readReplica: true,
      visitorCache: true,
    },
    handler: (req) => stats.publicFigures(ctxOf(req), req.query.region),
  });

  r.get('/api/statistics/population', {
    schema: {
      tags,
      summary: 'Resident population (常住人口) of a region and its children, by year, with the source',
      querystring: PopulationQuery,
      response: { 200: PopulationList },
    },
    config: { access: staff(['region_admin'], targets.regionInQuery) },
    handler: (req) => population.listPopulation(ctxOf(req), req.query),
  });

  r.post('/api/statistics/population', {
    schema: {
      tags,
      summary:
        'Enter or import resident population figures for regions in the caller’s scope (audited, all or nothing)',
      body: PopulationImport,
      response: { 200: PopulationImportResult },
    },
    // No single target: every entry is checked against the caller's region grants by the service.
    config: { access: staff(['region_admin']) },
    handler: (req) => population.importPopulation(ctxOf(req), req.body),
  });
}
