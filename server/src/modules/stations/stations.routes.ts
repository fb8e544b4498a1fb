import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  NearbyQuery,
  NearbyResult,
  StationBody,
  StationDetail,
  StationListQuery,
  StationPage,
  StationParams,
  StationSaved,
} from '@yiqi/shared/contracts/stations';
import { OkSchema } from '@yiqi/shared/contracts/common';
import { staff, type Access } from '../../http/access.ts';
import { ctxOf } from '../../http/context.ts';
import * as targets from '../access/targets.ts';
import * as stations from './stations.service.ts';

const tags = ['stations'];
const PUBLIC: Access = { kind: 'public' };
/** Stations are the civilization offices' (region admins') to keep, within their region subtree. */
const REGION_IN_BODY = staff(['region_admin'], targets.regionInBody);
const STATION_ADMIN = staff(['region_admin'], targets.stationById);

export function registerStationRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/stations', {
    schema: {
      tags,
      summary:
        'Stations (centres, posts, stations, U-stations, volunteer posts, service points), by region and kind',
      querystring: StationListQuery,
      response: { 200: StationPage },
    },
    config: { access: PUBLIC, readReplica: true },
    handler: (req) => stations.list(ctxOf(req), req.query),
  });

  r.get('/api/stations/nearby', {
    schema: {
      tags,
      summary: 'Stations within a radius of a WGS-84 point, nearest first (the 10-minute service circle)',
      querystring: NearbyQuery,
      response: { 200: NearbyResult },
    },
    config: { access: PUBLIC, readReplica: true },
    handler: (req) => stations.nearby(ctxOf(req), req.query),
  });

  r.get('/api/stations/:id', {
    schema: {
      tags,
      summary: 'A station with its published linked activities',
      params: StationParams,
      response: { 200: StationDetail },
    },
    config: { access: PUBLIC, readReplica: true },
    handler: (req) => stations.detail(ctxOf(req), req.params.id),
  });

  r.get('/api/stations/:id/manage', {
    schema: {
      tags,
      summary: 'A station for editing, with every linked activity',
      params: StationParams,
      response: { 200: StationDetail },
    },
    config: { access: STATION_ADMIN },
    handler: (req) => stations.detail(ctxOf(req), req.params.id, true),
  });

  r.post('/api/stations', {
    schema: {
      tags,
      summary: 'Add a station in a region of the caller’s scope',
      body: StationBody,
      response: { 200: StationSaved },
    },
    config: { access: REGION_IN_BODY },
    handler: (req) => stations.create(ctxOf(req), req.body),
  });

  r.put('/api/stations/:id', {
    schema: {
      tags,
      summary: 'Edit a station (moving it to another region needs scope over both)',
      params: StationParams,
      body: StationBody,
      response: { 200: StationSaved },
    },
    config: { access: STATION_ADMIN },
    handler: (req) => stations.update(ctxOf(req), req.params.id, req.body),
  });

  r.delete('/api/stations/:id', {
    schema: {
      tags,
      summary: 'Remove a station (its facts are kept in the audit row)',
      params: StationParams,
      response: { 200: OkSchema },
    },
    config: { access: STATION_ADMIN },
    handler: (req) => stations.remove(ctxOf(req), req.params.id),
  });
}
