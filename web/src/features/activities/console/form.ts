import dayjs, { type Dayjs } from 'dayjs';
import type { GEOFENCE_MODES, RECRUIT_MODES, RISK_LEVELS } from '@yiqi/shared/contracts/activities';
import type { ServiceCategory, ServiceTarget } from '@yiqi/shared/categories';
import type { RoundingRule } from '@yiqi/shared/records/hours';
import type { ActivityDetail, ActivityInput, ActivityPatch } from './api.ts';
import { fromPicker, toPicker } from '../../../lib/china-time.ts';
import { fromWgs, toWgs, type CoordSystem } from '@yiqi/shared/geo/coords';

export type RecruitMode = (typeof RECRUIT_MODES)[number];
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type GeofenceMode = (typeof GEOFENCE_MODES)[number];

/** The editor's fields: times as Beijing wall-clock pickers, geofence and insurance flattened. */
export interface ActivityFormValues {
  title: string;
  description: string;
  category?: ServiceCategory;
  targets: ServiceTarget[];
  regionCode?: string;
  address: string;
  /** In `coordSystem`: what the organizer typed or picked; the API stores WGS-84 (toBody converts). */
  lat?: number | null;
  lng?: number | null;
  coordSystem: CoordSystem;
  startsAt?: Dayjs;
  endsAt?: Dayjs;
  recruitMode: RecruitMode;
  designatedOrgs: string[];
  inviteCode?: string | null;
  contactName: string;
  contactPhone?: string | null;
  personInCharge: string;
  riskLevel: RiskLevel;
  physicalRisk: boolean;
  riskText?: string | null;
  policyNo?: string;
  insurer?: string;
  cover?: string;
  insurancePeriod?: [Dayjs, Dayjs] | null;
  geofenceMode: GeofenceMode;
  radiusM?: number | null;
  cancelCutoffHours: number;
  hoursRule: RoundingRule;
  breakMinutes: number;
}

export const PHONE = /^1[3-9]\d{9}$/;
export const INVITE_CODE = /^[A-Za-z0-9]{4,32}$/;

export const EMPTY_ACTIVITY: ActivityFormValues = {
  title: '',
  description: '',
  targets: [],
  address: '',
  // Most organizers copy from 高德 or 腾讯 (GCJ-02); see docs/decisions/0026-map-coordinates.md.
  coordSystem: 'gcj02',
  recruitMode: 'public',
  designatedOrgs: [],
  contactName: '',
  personInCharge: '',
  riskLevel: 'none',
  physicalRisk: false,
  geofenceMode: 'off',
  cancelCutoffHours: 24,
  hoursRule: 'exact',
  breakMinutes: 0,
};

export function toFormValues(a: ActivityDetail): ActivityFormValues {
  const from = a.insurance ? dayjs(a.insurance.from) : null;
  const to = a.insurance ? dayjs(a.insurance.to) : null;
  return {
    title: a.title,
    description: a.description,
    category: a.category,
    targets: a.targets,
    regionCode: a.regionCode,
    address: a.address,
    ...shown(a.lat, a.lng, 'gcj02'),
    coordSystem: 'gcj02',
    startsAt: toPicker(a.startsAt),
    endsAt: toPicker(a.endsAt),
    recruitMode: a.recruitMode,
    designatedOrgs: a.designatedOrgs.map((o) => o.id),
    inviteCode: a.inviteCode,
    contactName: a.contactName,
    contactPhone: a.contactPhone,
    personInCharge: a.personInCharge,
    riskLevel: a.riskLevel,
    physicalRisk: a.physicalRisk,
    riskText: a.riskText,
    policyNo: a.insurance?.policyNo,
    insurer: a.insurance?.insurer,
    cover: a.insurance?.cover,
    insurancePeriod: from && to ? [from, to] : null,
    geofenceMode: a.geofence.mode,
    radiusM: a.geofence.radiusM,
    cancelCutoffHours: a.cancelCutoffHours,
    hoursRule: a.hoursRule,
    breakMinutes: a.breakMinutes,
  };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** A stored (WGS-84) point as the editor shows it in `system`, to the metre-tenth the API keeps. */
export function shown(lat: number | null, lng: number | null, system: CoordSystem) {
  if (lat === null || lng === null) return { lat, lng };
  const p = fromWgs({ lat, lng }, system);
  return { lat: round6(p.lat), lng: round6(p.lng) };
}

/** The editor's point, in the system it was typed in, as the API stores it (WGS-84). */
export function stored(v: Pick<ActivityFormValues, 'lat' | 'lng' | 'coordSystem'>) {
  if (v.lat == null || v.lng == null) return { lat: v.lat ?? null, lng: v.lng ?? null };
  const p = toWgs({ lat: v.lat, lng: v.lng }, v.coordSystem);
  return { lat: round6(p.lat), lng: round6(p.lng) };
}

const trimmed = (s: string | null | undefined) => s?.trim() || null;

/** The body for POST (the form's rules have made sure the required fields are there). */
export function toBody(v: ActivityFormValues): ActivityInput {
  const insured = v.physicalRisk && v.policyNo && v.insurer && v.cover && v.insurancePeriod;
  return {
    title: v.title.trim(),
    description: v.description.trim(),
    category: v.category!,
    targets: v.targets,
    regionCode: v.regionCode!,
    address: v.address.trim(),
    ...stored(v),
    startsAt: fromPicker(v.startsAt!),
    endsAt: fromPicker(v.endsAt!),
    recruitMode: v.recruitMode,
    designatedOrgs: v.recruitMode === 'teams' ? v.designatedOrgs : [],
    inviteCode: v.recruitMode === 'code' ? trimmed(v.inviteCode) : null,
    contactName: v.contactName.trim(),
    contactPhone: trimmed(v.contactPhone),
    personInCharge: v.personInCharge.trim(),
    riskLevel: v.riskLevel,
    physicalRisk: v.physicalRisk,
    riskText: trimmed(v.riskText),
    insurance: insured
      ? {
          policyNo: v.policyNo!.trim(),
          insurer: v.insurer!.trim(),
          cover: v.cover!.trim(),
          from: v.insurancePeriod![0].format('YYYY-MM-DD'),
          to: v.insurancePeriod![1].format('YYYY-MM-DD'),
        }
      : null,
    geofence:
      v.geofenceMode === 'off' ? { mode: 'off' } : { mode: v.geofenceMode, radiusM: v.radiusM ?? null },
    cancelCutoffHours: v.cancelCutoffHours,
    hoursRule: v.hoursRule,
    breakMinutes: v.breakMinutes,
  };
}

/**
 * Only what changed, for PATCH. The masked contact phone the API shows is sent only when it was replaced,
 * and the other fields the organizer did not touch are left as the server has them.
 */
export function changedFields(before: ActivityFormValues, after: ActivityFormValues): ActivityPatch {
  const a = toBody(before) as Record<string, unknown>;
  const b = toBody(after) as Record<string, unknown>;
  const patch: Record<string, unknown> = {};
  for (const k of Object.keys(b)) if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) patch[k] = b[k];
  return patch as ActivityPatch;
}

/** A random invitation code without look-alike characters (0/O, 1/I/l). */
export function randomInviteCode(length = 8): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (n) => alphabet[n % alphabet.length]).join('');
}
