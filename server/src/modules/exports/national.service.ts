import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import type { Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import { unseal } from '../volunteers/views.ts';

import { verifyUrlOf } from '../certificates/certificates.service.ts';
import { NATIONAL_CODES, nationalCode } from './national.codes.ts';
import * as repo from './national.repository.ts';
import { withTransaction } from '../../core/tx.ts';
import { chinaDate, iso } from '../../core/dates.ts';

/**
 * The unified export for the national volunteer information system (docs/national-export.md lists every
 * field). Each kind is read in pages after a cursor; a line's fields are fixed and in a fixed order, so
 * CSV and JSON Lines carry the same data. Personal data leaves only in the volunteers file, to region
 * admins of the region, and every page is audited.
 */
export const FIELDS = {
  volunteers: [
    'volunteerNo',
    'name',
    'gender',
    'birthDate',
    'docType',
    'docNumber',
    'regionCode',
    'verificationStatus',
    'registeredAt',
  ],
  organizations: [
    'orgId',
    'name',
    'uscc',
    'orgType',
    'regionCode',
    'hostUnit',
    'hostUnitUscc',
    'personInCharge',
    'handlerName',
    'parentId',
    'status',
  ],
  activities: [
    'activityId',
    'orgId',
    'orgUscc',
    'orgName',
    'hostUnitName',
    'hostUnitUscc',
    'title',
    'category',
    'regionCode',
    'address',
    'startsAt',
    'endsAt',
    'status',
  ],
  records: [
    'key',
    'recordKind',
    'volunteerNo',
    'activityKey',
    'serviceDate',
    'activityTitle',
    'orgName',
    'orgUscc',
    'hostUnitName',
    'hostUnitUscc',
    'place',
    'content',
    'hours',
    'personInCharge',
    'recordIds',
    'syncStatus',
  ],
  personRecords: [
    'key',
    'recordKind',
    'volunteerNo',
    'orgName',
    'orgUscc',
    'hostUnitName',
    'hostUnitUscc',
    'date',
    'name',
    'content',
    'hours',
    'host',
    'grantor',
    'grantType',
    'activityId',
    'quality',
    'stars',
  ],
  certificates: [
    'number',
    'volunteerNo',
    'status',
    'scope',
    'issueDate',
    'revokedDate',
    'recordCount',
    'hours',
    'contentHash',
    'recordIds',
    'issuerName',
    'issuerUscc',
    'originalUnitName',
    'personInCharge',
    'handlerName',
    'orgName',
    'orgUscc',
    'hostUnitName',
    'hostUnitUscc',
    'verifyUrl',
  ],
} as const;
export type ExportKind = keyof typeof FIELDS;
export const EXPORT_KINDS = Object.keys(FIELDS) as [ExportKind, ...ExportKind[]];

const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 100) / 100);

/**
 * Who a line belongs to, as the national system registers units: the unit's name and USCC; an unregistered
 * team has none of its own, so its host unit (挂靠单位) is named with its USCC.
 */
const unitOf = (r: {
  org_name: string | null;
  org_uscc: string | null;
  host_unit: string | null;
  host_unit_uscc: string | null;
}) => ({
  orgName: r.org_name,
  orgUscc: r.org_uscc,
  hostUnitName: r.host_unit,
  hostUnitUscc: r.host_unit_uscc,
});

async function lines(
  ctx: Ctx,
  kind: ExportKind,
  prefix: string,
  after: string,
  limit: number,
  pending: boolean,
) {
  switch (kind) {
    case 'volunteers':
      return (await repo.volunteers(ctx.db, prefix, after, limit)).map((v) => ({
        cursor: v.cursor,
        row: {
          volunteerNo: v.volunteer_no,
          name: v.name,
          gender: nationalCode('gender', v.gender),
          birthDate: v.birth_date,
          docType: nationalCode('docType', v.doc_type),
          docNumber: unseal(ctx, v.doc_number_enc),
          regionCode: v.region_code,
          verificationStatus: nationalCode('verificationStatus', v.verification_status),
          registeredAt: iso(v.created_at),
        },
      }));
    case 'organizations':
      return (await repo.organizations(ctx.db, prefix, after, limit)).map((o) => ({
        cursor: o.cursor,
        row: {
          orgId: o.id,
          name: o.name,
          uscc: o.uscc,
          orgType: nationalCode('orgType', o.org_type),
          regionCode: o.region_code,
          hostUnit: o.host_unit,
          hostUnitUscc: o.host_unit_uscc,
          personInCharge: o.person_in_charge,
          handlerName: o.handler_name,
          parentId: o.parent_id,
          status: nationalCode('orgStatus', o.status),
        },
      }));
    case 'activities':
      return (await repo.activities(ctx.db, prefix, after, limit)).map((a) => ({
        cursor: a.cursor,
        row: {
          activityId: a.id,
          orgId: a.org_id,
          ...unitOf({ ...a, org_uscc: a.uscc }),
          title: a.title,
          category: nationalCode('category', a.category),
          regionCode: a.region_code,
          address: a.address,
          startsAt: iso(a.starts_at),
          endsAt: iso(a.ends_at),
          status: nationalCode('activityStatus', a.status),
        },
      }));
    case 'records':
      return (await repo.recordLines(ctx.db, prefix, after, limit, pending)).map((r) => ({
        cursor: r.cursor,
        row: {
          key: r.cursor,
          recordKind: NATIONAL_CODES.recordKind.service,
          volunteerNo: r.volunteer_no,
          activityKey: r.activity_key,
          serviceDate: r.service_date,
          activityTitle: r.activity_title,
          ...unitOf(r),
          place: r.place,
          content: r.content,
          hours: hours(r.minutes),
          personInCharge: r.person_in_charge,
          recordIds: r.record_ids.join(' '),
          syncStatus: r.sync_status,
        },
      }));
    case 'personRecords':
      return (await repo.personRecords(ctx.db, prefix, after, limit)).map((p) => ({
        cursor: p.cursor,
        row: {
          key: p.cursor,
          recordKind: nationalCode('recordKind', p.kind),
          volunteerNo: p.volunteer_no,
          ...unitOf(p),
          date: p.day,
          name: p.name,
          content: p.content,
          hours: hours(p.minutes),
          host: p.host,
          grantor: p.grantor,
          grantType: nationalCode('grantType', p.grant_type),
          activityId: p.activity_id,
          quality: nationalCode('quality', p.quality),
          stars: p.stars,
        },
      }));
    case 'certificates':
      return (await repo.certificates(ctx.db, prefix, after, limit)).map((c) => ({
        cursor: c.cursor,
        row: {
          number: c.number,
          volunteerNo: c.volunteer_no,
          status: nationalCode('certificateStatus', c.status),
          scope: nationalCode('certificateScope', c.scope),
          issueDate: c.issued_at ? chinaDate(new Date(c.issued_at)) : null,
          revokedDate: c.revoked_at ? chinaDate(new Date(c.revoked_at)) : null,
          recordCount: c.record_ids?.length ?? 0,
          hours: hours(c.total_minutes),
          contentHash: c.content_hash,
          recordIds: (c.record_ids ?? []).join(' '),
          issuerName: c.issuer_name,
          // The issuing unit's code; an unregistered team issues under its host unit's (null: the region).
          issuerUscc: c.issuer_uscc ?? c.issuer_host_unit_uscc,
          originalUnitName: c.original_unit_name,
          personInCharge: c.person_in_charge,
          handlerName: c.handler_name,
          ...unitOf(c),
          verifyUrl: verifyUrlOf(ctx, c.number),
        },
      }));
  }
}

/** CSV per RFC 4180; a cell starting with = + - @ is prefixed with ' so spreadsheets never run it. */
function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function prefixOf(ctx: Ctx, regionCode: string) {
  const region = await findRegion(ctx.db, regionCode);
  if (!region) throw new DomainError('REGION_NOT_FOUND');
  return regionPrefix(region.code, region.level as RegionLevel);
}

export async function exportPage(
  ctx: Ctx,
  q: {
    region: string;
    kind: ExportKind;
    format: 'jsonl' | 'csv';
    after: string;
    limit: number;
    pending: boolean;
  },
) {
  const prefix = await prefixOf(ctx, q.region);
  const page = await lines(ctx, q.kind, prefix, q.after, q.limit, q.pending);
  await recordAudit(ctx, {
    action: 'national.export',
    result: 'ok',
    regionCode: q.region,
    details: { kind: q.kind, format: q.format, lines: page.length, after: q.after || null },
  });
  const fields = FIELDS[q.kind] as readonly string[];
  const body =
    q.format === 'jsonl'
      ? page
          .map((l) =>
            JSON.stringify(Object.fromEntries(fields.map((f) => [f, (l.row as Record<string, unknown>)[f]]))),
          )
          .join('\n') + (page.length ? '\n' : '')
      : '\uFEFF' +
        [
          fields.join(','),
          ...page.map((l) => fields.map((f) => csvCell((l.row as Record<string, unknown>)[f])).join(',')),
        ].join('\r\n') +
        '\r\n';
  return { body, next: page.length === q.limit ? page.at(-1)!.cursor : null };
}

/** The sync job reports which national keys it delivered (or failed to). */
export async function acknowledge(
  ctx: Ctx,
  region: string,
  keys: { volunteerNo: string; activityKey: string; serviceDate: string }[],
  status: 'synced' | 'failed',
) {
  const prefix = await prefixOf(ctx, region);
  return withTransaction(ctx, async (tx) => {
    const records = await repo.markSynced(tx.db, prefix, keys, status, ctx.clock());
    await recordAudit(tx, {
      action: 'national.ack',
      result: 'ok',
      regionCode: region,
      details: { keys: keys.length, records, status },
    });
    return { records };
  });
}
