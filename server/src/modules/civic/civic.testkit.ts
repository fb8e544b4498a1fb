/** Fixtures for the civic tests. */
import { jpegWithExif } from '../../lib/photos.testkit.ts';

export { jpegWithExif };

export const photo = (buf: Buffer = jpegWithExif()) => ({ data: buf.toString('base64') });

import type { TestApp } from '../../test/harness.ts';

let fallbackReporter: Promise<string> | undefined;
/** A reporter for cases whose caller has no account (refused requests still need an id to name). */
function someReporter(t: TestApp): Promise<string> {
  return (fallbackReporter ??= t.handle.db
    .insertInto('users')
    .values({ username: `civic.reporter.${process.pid}`, display_name: '随手拍 举报人', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) => r.id));
}

/** A case inserted directly (matrix fixtures): routed, or handled by nobody in particular. */
export async function insertCase(
  t: TestApp,
  o: { reporterId?: string; region?: string; unitId?: string | null; handled?: boolean } = {},
): Promise<{ id: string; photoId: string }> {
  const db = t.handle.db;
  const now = t.clock.now();
  const c = await db
    .insertInto('civic_cases')
    .values({
      reporter_id: o.reporterId ?? (await someReporter(t)),
      anonymous: false,
      category: 'environment',
      description: '路边垃圾堆积',
      region_code: o.region ?? '440305000000',
      lat: 22.53,
      lng: 113.93,
      unit_org_id: o.unitId ?? null,
      deadline_days: 3,
      due_at: new Date(now.getTime() + 3 * 86400_000),
      created_at: now,
      ...(o.handled ? { status: 'handled' as const, handled_at: now, handling_note: '已清理' } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await db
    .insertInto('civic_photos')
    .values({
      case_id: c.id,
      kind: 'near',
      round: 1,
      mime: 'image/jpeg',
      bytes: Buffer.from([0xff, 0xd8, 0xff, 0xd9]),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: c.id, photoId: p.id };
}

/** A valid report body in a region. */
export function reportBody(region = '440305000000', over: Record<string, unknown> = {}) {
  return {
    category: 'environment',
    description: '南山大道人行道上垃圾堆积，影响通行',
    region,
    lat: 22.5331,
    lng: 113.9305,
    near: photo(),
    far: photo(jpegWithExif('far shot')),
    ...over,
  };
}
