import type { MyOrderViewT, OrderViewT } from '@yiqi/shared/contracts/dispatch';
import { residentStatus, type OrderState } from '@yiqi/shared/dispatch/order-states';
import { iso } from '../../core/dates.ts';
import { decrypt } from '../../lib/crypto.ts';
import type { Ctx } from '../../core/ctx.ts';
import type { OrderViewRow } from './dispatch.repository.ts';

/** How orders look to staff (masked personal data) and to the resident who ordered. */

/** A street address masked: its first few characters (the building is not among them) and stars. */
export function maskAddress(address: string): string {
  const keep = Math.min(6, Math.floor(address.length / 2));
  return `${address.slice(0, keep)}****`;
}

export function orderViewOf(ctx: Ctx, r: OrderViewRow): OrderViewT {
  return {
    id: r.id,
    item: { id: r.item_id, title: r.item_title, category: r.item_category },
    state: r.state as OrderState,
    description: r.description,
    regionCode: r.region_code,
    regionName: r.region_name,
    addressMasked: maskAddress(decrypt(ctx.config.appKey, r.address_enc)),
    lat: r.lat,
    lng: r.lng,
    phoneMasked: r.phone_mask,
    preferredAt: iso(r.preferred_at),
    proxy: r.proxy_by !== null,
    consentNote: r.consent_note,
    holder: { code: r.holder_code, level: r.holder_level, name: r.holder_name },
    team: r.team_id ? { id: r.team_id, name: r.team_name ?? '' } : null,
    scope: r.scope,
    skills: r.skills,
    peopleNeeded: r.people_needed,
    deadline: iso(r.deadline),
    report: r.report,
    dueAt: iso(r.due_at),
    overdue: r.overdue,
    escalations: r.escalations,
    followUp: r.follow_up,
    mergedInto: r.merged_into,
    createdAt: iso(r.created_at),
    completedAt: iso(r.completed_at),
    rating: r.rating_score !== null ? { score: r.rating_score, comment: r.rating_comment } : null,
    photos: typeof r.photos === 'string' ? JSON.parse(r.photos) : r.photos,
    volunteers: Number(r.volunteer_count),
    followUpNote: r.follow_up_note,
  };
}

/** The resident's view: three steps (审核中 → 服务中 → 已完成/已拒绝), the reason only for them. */
export function myOrderViewOf(r: OrderViewRow, rateUntil: Date | null): MyOrderViewT {
  const status = residentStatus(r.state as OrderState);
  const steps = [{ status: 'reviewing', at: iso(r.created_at) }];
  if (r.accepted_at) steps.push({ status: 'serving', at: iso(r.accepted_at) });
  if (r.completed_at) steps.push({ status: 'done', at: iso(r.completed_at) });
  else if (status !== 'reviewing' && status !== 'serving' && r.reviewed_at)
    steps.push({ status, at: iso(r.reviewed_at) });
  return {
    id: r.id,
    item: { id: r.item_id, title: r.item_title, category: r.item_category },
    status,
    description: r.description,
    regionName: r.region_name,
    preferredAt: iso(r.preferred_at),
    createdAt: iso(r.created_at),
    rejectReason: r.state === 'rejected' ? r.reject_reason : null,
    team: status === 'serving' || status === 'done' ? r.team_name : null,
    report: r.state === 'completed' ? r.report : null,
    steps,
    rating: r.rating_score !== null ? { score: r.rating_score, comment: r.rating_comment } : null,
    rateUntil: rateUntil ? iso(rateUntil) : null,
  };
}
