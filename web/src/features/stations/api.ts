import type { z } from 'zod';
import type {
  NearbyResult as NearbySchema,
  Station as StationSchema,
  StationBody,
  StationDetail as DetailSchema,
  StationKind,
} from '@yiqi/shared/contracts/stations';
import { api, type Page } from '../../lib/api.ts';

export type Station = z.infer<typeof StationSchema>;
export type StationDetail = z.infer<typeof DetailSchema>;
export type NearbyResult = z.infer<typeof NearbySchema>;
export type StationInput = z.input<typeof StationBody>;
export type { StationKind };

export const STATIONS_KEY = ['stations'];

export const listStations = (
  q: {
    region?: string | undefined;
    kind?: string | undefined;
    q?: string | undefined;
    page: number;
    pageSize: number;
  },
  signal?: AbortSignal,
) => api<Page<Station>>('/api/stations', { query: q, ...(signal ? { signal } : {}) });

export const nearbyStations = (
  q: { lat: number; lng: number; radius: number; kind?: string | undefined },
  signal?: AbortSignal,
) => api<NearbyResult>('/api/stations/nearby', { query: { ...q, limit: 50 }, ...(signal ? { signal } : {}) });

export const getStationForEdit = (id: string) => api<StationDetail>(`/api/stations/${id}/manage`);
export const createStation = (body: StationInput) =>
  api<{ id: string }>('/api/stations', { method: 'POST', body });
export const updateStation = (id: string, body: StationInput) =>
  api<{ id: string }>(`/api/stations/${id}`, { method: 'PUT', body });
export const deleteStation = (id: string) => api<{ ok: true }>(`/api/stations/${id}`, { method: 'DELETE' });
