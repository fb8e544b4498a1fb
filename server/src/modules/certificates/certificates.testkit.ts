/**
 * Test factories for certificates: confirmed service records and certificates inserted directly (recording
 * and confirming records belong to the records module and are tested there), and a seal image.
 */
import { deflateSync } from 'node:zlib';
import { sql } from 'kysely';
import type { TestApp } from '../../test/harness.ts';
import { contentHash, newCertificateNumber } from './certificates.content.ts';

let seq = 0;

/** A service record of a volunteer recorded by an organization, confirmed unless told otherwise. */
export async function insertRecord(
  t: TestApp,
  r: {
    volunteerId: string;
    orgId: string;
    date: string;
    minutes: number;
    activityId?: string | null;
    title?: string;
    content?: string;
    status?: 'draft' | 'pending' | 'confirmed' | 'rejected';
  },
): Promise<string> {
  const status = r.status ?? 'confirmed';
  const row = await t.handle.db
    .insertInto('service_records')
    .values({
      kind: 'backfill',
      reason: '测试用的补录记录',
      volunteer_id: r.volunteerId,
      org_id: r.orgId,
      activity_id: r.activityId ?? null,
      service_date: r.date,
      activity_title: r.title ?? `社区服务活动${++seq}`,
      place: '深圳市南山区',
      content: r.content ?? '协助社区开展志愿服务',
      person_in_charge: '李负责',
      minutes: r.minutes,
      explain: '[]',
      evidence: '[]',
      status,
      decided_at: status === 'confirmed' || status === 'rejected' ? t.clock.now() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Totals are derived from confirmed records (a trigger refuses any other value), so a record confirmed
  // here moves them as a confirmation would: later confirmations and corrections start from the truth.
  if (status === 'confirmed') await syncTotals(t, r.volunteerId, Number(r.date.slice(0, 4)));
  return row.id;
}

/** Sets a volunteer's totals (and one year's) to the sum of their confirmed records. */
async function syncTotals(t: TestApp, volunteerId: string, year: number) {
  await sql`
    INSERT INTO volunteer_totals (volunteer_id, minutes, records, activities)
    SELECT ${volunteerId}::uuid, coalesce(sum(minutes), 0), count(*), count(DISTINCT activity_id)
      FROM service_records WHERE volunteer_id = ${volunteerId}::uuid AND status = 'confirmed'
    ON CONFLICT (volunteer_id) DO UPDATE
      SET minutes = EXCLUDED.minutes, records = EXCLUDED.records, activities = EXCLUDED.activities`.execute(
    t.handle.db,
  );
  await sql`
    INSERT INTO volunteer_year_totals (volunteer_id, year, minutes)
    SELECT ${volunteerId}::uuid, ${year}::int, coalesce(sum(minutes), 0)
      FROM service_records WHERE volunteer_id = ${volunteerId}::uuid AND status = 'confirmed'
       AND service_date >= make_date(${year}::int, 1, 1) AND service_date < make_date(${year}::int + 1, 1, 1)
    ON CONFLICT (volunteer_id, year) DO UPDATE SET minutes = EXCLUDED.minutes`.execute(t.handle.db);
}

/** An issued (or revoked) certificate over the volunteer's confirmed records of the organization. */
export async function insertIssuedCertificate(
  t: TestApp,
  volunteerId: string,
  orgId: string,
  opts: { status?: 'issued' | 'revoked' } = {},
): Promise<{ id: string; number: string }> {
  const db = t.handle.db;
  const v = await db
    .selectFrom('volunteers')
    .select('volunteer_no')
    .where('id', '=', volunteerId)
    .executeTakeFirstOrThrow();
  const records = await db
    .selectFrom('service_records')
    .select(['id', 'activity_title as title', 'content', 'minutes'])
    .select(sql<string>`to_char(service_date, 'YYYY-MM-DD')`.as('date'))
    .where('volunteer_id', '=', volunteerId)
    .where('org_id', '=', orgId)
    .where('status', '=', 'confirmed')
    .execute();
  const number = newCertificateNumber('2026');
  const now = t.clock.now();
  const row = await db
    .insertInto('certificates')
    .values({
      number,
      volunteer_id: volunteerId,
      org_id: orgId,
      scope: 'all',
      status: opts.status ?? 'issued',
      record_ids: records.map((r) => r.id),
      total_minutes: records.reduce((n, r) => n + r.minutes, 0),
      content_hash: contentHash(v.volunteer_no, records),
      issuer_name: '测试组织',
      person_in_charge: '李负责',
      handler_name: '王经办',
      issued_at: now,
      ...(opts.status === 'revoked' ? { revoke_reason: '测试撤销', revoked_at: now } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, number };
}

/** A request waiting for the organization. */
export async function insertRequest(t: TestApp, volunteerId: string, orgId: string): Promise<string> {
  const row = await t.handle.db
    .insertInto('certificates')
    .values({ volunteer_id: volunteerId, org_id: orgId, scope: 'all' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A red seal-like PNG (transparent, two rings and a five-pointed star), drawn without any library. */
export function sealPng(size = 240): Buffer {
  const c = size / 2;
  const star = (x: number, y: number) => {
    // Inside a five-pointed star of radius 0.32·c: compare the angle-dependent radius.
    const dx = x - c;
    const dy = y - c;
    const r = Math.hypot(dx, dy);
    const a = (Math.atan2(dx, -dy) + 2 * Math.PI) % ((2 * Math.PI) / 5);
    const t = Math.abs(a - Math.PI / 5) / (Math.PI / 5);
    return r < c * 0.32 * (0.38 + 0.62 * t);
  };
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const on = (d > c * 0.9 && d < c * 0.98) || (d > c * 0.84 && d < c * 0.86) || star(x, y);
      if (on) row.set([200, 30, 40, 230], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
