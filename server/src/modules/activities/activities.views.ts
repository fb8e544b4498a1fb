import type { ActivityStatus } from '@yiqi/shared/contracts/activities';
import type { ServiceCategory, ServiceTarget } from '@yiqi/shared/categories';
import { maskPhone } from '@yiqi/shared/identity/mask';
import type { RoundingRule } from '@yiqi/shared/records/hours';
import { decrypt } from '../../lib/crypto.ts';
import type { ActivityRow, SummaryRow } from './activities.repository.ts';
import type * as repo from './activities.repository.ts';
import { iso } from '../../core/dates.ts';

/** Stored status, with published read against the clock as in progress or ended. */
export function phaseOf(
  a: { status: string; starts_at: Date | string; ends_at: Date | string },
  now: Date,
): ActivityStatus {
  if (a.status !== 'published') return a.status as ActivityStatus;
  if (now >= new Date(a.ends_at)) return 'ended';
  if (now >= new Date(a.starts_at)) return 'in_progress';
  return 'published';
}

export function summaryView(r: SummaryRow, now: Date) {
  return {
    id: r.id,
    orgId: r.org_id,
    orgName: r.org_name,
    title: r.title,
    category: r.category as ServiceCategory,
    regionCode: r.region_code,
    regionName: r.region_name ?? r.region_code,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    startsAt: iso(r.starts_at)!,
    endsAt: iso(r.ends_at)!,
    status: phaseOf(r, now),
    recruitMode: r.recruit_mode,
    riskLevel: r.risk_level,
    quota: Number(r.quota),
    taken: Number(r.taken),
    distanceKm: r.distance_km === null ? null : Math.round(Number(r.distance_km) * 100) / 100,
  };
}

type Positions = Awaited<ReturnType<typeof repo.positionsOf>>;

export function detailView(
  a: ActivityRow,
  positions: Positions,
  designated: { id: string; name: string }[],
  opts: {
    now: Date;
    appKey: Buffer;
    manage: boolean;
    /** The caller may reach the organizer: the phone in full (the caller audits it). */
    fullContactPhone: boolean;
    mySignups: { id: string; shiftId: string; status: string }[];
  },
) {
  const shifts = positions.flatMap((p) => p.shifts);
  return {
    id: a.id,
    orgId: a.org_id,
    orgName: a.org_name,
    title: a.title,
    description: a.description,
    category: a.category as ServiceCategory,
    targets: a.targets as ServiceTarget[],
    regionCode: a.region_code,
    regionName: a.region_name ?? a.region_code,
    address: a.address,
    lat: a.lat,
    lng: a.lng,
    startsAt: iso(a.starts_at)!,
    endsAt: iso(a.ends_at)!,
    recruitMode: a.recruit_mode,
    designatedOrgs: designated,
    inviteCode: opts.manage ? a.invite_code : null,
    contactName: a.contact_name,
    contactPhone: a.contact_phone_enc
      ? opts.fullContactPhone
        ? decrypt(opts.appKey, a.contact_phone_enc)
        : maskPhone(decrypt(opts.appKey, a.contact_phone_enc))
      : null,
    contactPhoneFull: Boolean(a.contact_phone_enc) && opts.fullContactPhone,
    personInCharge: a.person_in_charge,
    riskLevel: a.risk_level,
    physicalRisk: a.physical_risk,
    riskText: a.risk_text,
    insurance:
      a.insurance_policy_no && a.insurance_insurer && a.ins_from && a.ins_to
        ? {
            policyNo: a.insurance_policy_no,
            insurer: a.insurance_insurer,
            cover: a.insurance_cover ?? '',
            from: a.ins_from,
            to: a.ins_to,
          }
        : null,
    geofence: { mode: a.geofence_mode, radiusM: a.geofence_radius_m },
    cancelCutoffHours: a.cancel_cutoff_hours,
    hoursRule: a.hours_rule as RoundingRule,
    breakMinutes: a.break_minutes,
    status: phaseOf(a, opts.now),
    cancelReason: a.cancel_reason,
    publishedAt: iso(a.published_at),
    quota: shifts.reduce((n, s) => n + s.quota, 0),
    taken: shifts.reduce((n, s) => n + s.taken, 0),
    positions: positions.map((p) => ({
      id: p.id,
      name: p.name,
      duties: p.duties,
      minAge: p.min_age,
      maxAge: p.max_age,
      requiredSkills: p.required_skills,
      requiredQualifications: p.required_qualifications,
      requiredQualification: p.required_qualification,
      requiredQualificationName:
        p.required_qualification && p.qual_zh_cn
          ? { 'zh-CN': p.qual_zh_cn, 'zh-HK': p.qual_zh_hk ?? p.qual_zh_cn, en: p.qual_en ?? p.qual_zh_cn }
          : null,
      needsApproval: p.needs_approval,
      shifts: p.shifts.map((s) => ({
        id: s.id,
        startsAt: iso(s.starts_at)!,
        endsAt: iso(s.ends_at)!,
        quota: s.quota,
        taken: s.taken,
        waitlisted: Number(s.waitlisted),
      })),
    })),
    mySignups: opts.mySignups as { id: string; shiftId: string; status: never }[],
  };
}
