import { regionPrefix, type RegionLevel } from '@yiqi/shared/regions';
import type { Ctx } from '../../http/context.ts';
import { DomainError } from '../../http/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { findRegion } from '../regions/regions.service.ts';
import { unseal } from '../volunteers/views.ts';
import * as repo from './national.repository.ts';

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
    'personInCharge',
    'parentId',
    'status',
  ],
  activities: [
    'activityId',
    'orgId',
    'orgUscc',
    'orgName',
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
    'volunteerNo',
    'activityKey',
    'serviceDate',
    'activityTitle',
    'orgName',
    'orgUscc',
    'place',
    'content',
    'hours',
    'personInCharge',
    'recordIds',
    'syncStatus',
  ],
} as const;
export type ExportKind = keyof typeof FIELDS;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

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
          gender: v.gender,
          birthDate: v.birth_date,
          docType: v.doc_type,
          docNumber: unseal(ctx, v.doc_number_enc),
          regionCode: v.region_code,
          verificationStatus: v.verification_status,
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
          orgType: o.org_type,
          regionCode: o.region_code,
          hostUnit: o.host_unit,
          personInCharge: o.person_in_charge,
          parentId: o.parent_id,
          status: o.status,
        },
      }));
    case 'activities':
      return (await repo.activities(ctx.db, prefix, after, limit)).map((a) => ({
        cursor: a.cursor,
        row: {
          activityId: a.id,
          orgId: a.org_id,
          orgUscc: a.uscc,
          orgName: a.org_name,
          title: a.title,
          category: a.category,
          regionCode: a.region_code,
          address: a.address,
          startsAt: iso(a.starts_at),
          endsAt: iso(a.ends_at),
          status: a.status,
        },
      }));
    case 'records':
      return (await repo.recordLines(ctx.db, prefix, after, limit, pending)).map((r) => ({
        cursor: r.cursor,
        row: {
          key: r.cursor,
          volunteerNo: r.volunteer_no,
          activityKey: r.activity_key,
          serviceDate: r.service_date,
          activityTitle: r.activity_title,
          orgName: r.org_name,
          orgUscc: r.org_uscc,
          place: r.place,
          content: r.content,
          hours: Math.round((r.minutes / 60) * 100) / 100,
          personInCharge: r.person_in_charge,
          recordIds: r.record_ids.join(' '),
          syncStatus: r.sync_status,
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
  return ctx.db.transaction().execute(async (trx) => {
    const records = await repo.markSynced(trx, prefix, keys, status, ctx.clock());
    await recordAudit(
      { ...ctx, db: trx },
      {
        action: 'national.ack',
        result: 'ok',
        regionCode: region,
        details: { keys: keys.length, records, status },
      },
    );
    return { records };
  });
}
