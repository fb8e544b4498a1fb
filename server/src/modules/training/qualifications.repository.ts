import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database } from '../../db/database.ts';

/** Held qualifications, certificate claims, revocations and the coverage figures. */

export async function insertClaim(
  db: Database,
  v: {
    volunteer_id: string;
    type_code: string;
    issuer: string;
    certificate_no: string;
    issued_on: string;
    expires_on: string | null;
    photo_mime: string;
    photo: Buffer;
    at: Date;
  },
) {
  const { at, ...rest } = v;
  const r = await db
    .insertInto('qualification_claims')
    .values({ ...rest, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A claim for review, locked, with its volunteer's account and residence. */
export function lockClaim(db: Database, id: string) {
  return db
    .selectFrom('qualification_claims as c')
    .innerJoin('volunteers as v', 'v.id', 'c.volunteer_id')
    .select([
      'c.id',
      'c.volunteer_id',
      'c.type_code',
      'c.status',
      sql<string>`to_char(c.issued_on, 'YYYY-MM-DD')`.as('issued_on'),
      sql<string | null>`to_char(c.expires_on, 'YYYY-MM-DD')`.as('expires_on'),
      'v.user_id',
      'v.region_code',
    ])
    .where('c.id', '=', id)
    .forUpdate('c')
    .executeTakeFirst();
}

export async function decideClaim(
  db: Database,
  id: string,
  v: { status: 'approved' | 'rejected'; by: string; at: Date; note: string | null },
) {
  await db
    .updateTable('qualification_claims')
    .set({ status: v.status, reviewed_by: v.by, reviewed_at: v.at, review_note: v.note })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

export function claimPhoto(db: Database, id: string) {
  return db
    .selectFrom('qualification_claims as c')
    .innerJoin('volunteers as v', 'v.id', 'c.volunteer_id')
    .select(['c.photo_mime as mime', 'c.photo as bytes', 'c.volunteer_id', 'v.region_code'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** Pending claims from volunteers residing under one of the prefixes, oldest first. */
export function pendingClaims(db: Database, prefixes: string[]) {
  return db
    .selectFrom('qualification_claims as c')
    .innerJoin('volunteers as v', 'v.id', 'c.volunteer_id')
    .select([
      'c.id',
      'c.volunteer_id',
      'v.name',
      'c.type_code',
      'c.issuer',
      'c.certificate_no',
      sql<string>`to_char(c.issued_on, 'YYYY-MM-DD')`.as('issued_on'),
      sql<string | null>`to_char(c.expires_on, 'YYYY-MM-DD')`.as('expires_on'),
      'c.created_at',
    ])
    .where('c.status', '=', 'pending')
    .where((e) =>
      prefixes.length ? e.or(prefixes.map((p) => e('v.region_code', 'like', `${p}%`))) : sql<boolean>`false`,
    )
    .orderBy('c.created_at')
    .limit(200)
    .execute();
}

/** A held qualification, with its holder's account and whether it is revoked. */
export function findQualification(db: Database, id: string) {
  return db
    .selectFrom('qualifications as q')
    .innerJoin('volunteers as v', 'v.id', 'q.volunteer_id')
    .leftJoin('qualification_revocations as x', 'x.qualification_id', 'q.id')
    .select([
      'q.id',
      'q.volunteer_id',
      'q.type_code',
      'v.user_id',
      'v.region_code',
      'x.qualification_id as revoked',
    ])
    .where('q.id', '=', id)
    .executeTakeFirst();
}

/** A revocation, or false when the qualification was revoked already (a concurrent revocation). */
export async function insertRevocation(
  db: Database,
  v: { id: string; reason: string; by: string; at: Date },
) {
  const r = await db
    .insertInto('qualification_revocations')
    .values({ qualification_id: v.id, reason: v.reason, revoked_by: v.by, created_at: v.at })
    .onConflict((oc) => oc.column('qualification_id').doNothing())
    .returning('qualification_id')
    .executeTakeFirst();
  return r !== undefined;
}

/** Valid at `now`: unexpired and never revoked. */
const valid = (now: Date): Expression<SqlBool> =>
  sql<SqlBool>`(q.expires_at IS NULL OR q.expires_at > ${now})
    AND NOT EXISTS (SELECT 1 FROM qualification_revocations x WHERE x.qualification_id = q.id)`;

/**
 * Volunteers (active) holding a valid qualification, by type and by the first `groupLen` digits of their
 * residence, under the prefix. The length is a literal (a level's digits): a bound parameter in both SELECT
 * and GROUP BY would be two parameters, which PostgreSQL does not see as the same expression.
 */
export async function holdersByRegion(db: Database, prefix: string, groupLen: number, now: Date) {
  return db
    .selectFrom('qualifications as q')
    .innerJoin('volunteers as v', 'v.id', 'q.volunteer_id')
    .select([
      sql<string>`substr(v.region_code, 1, ${sql.lit(groupLen)})`.as('prefix'),
      'q.type_code',
      sql<number>`count(DISTINCT q.volunteer_id)`.as('n'),
    ])
    .where('v.region_code', 'like', `${prefix}%`)
    .where('v.status', '=', 'active')
    .where(valid(now))
    .groupBy([sql`substr(v.region_code, 1, ${sql.lit(groupLen)})`, 'q.type_code'])
    .execute();
}

/** Active members holding a valid qualification, by organization and type (organizations given or under the prefix). */
export async function holdersByOrganization(
  db: Database,
  s: { orgIds?: string[]; prefix?: string },
  now: Date,
) {
  return db
    .selectFrom('qualifications as q')
    .innerJoin('volunteers as v', 'v.id', 'q.volunteer_id')
    .innerJoin('memberships as m', 'm.volunteer_id', 'q.volunteer_id')
    .innerJoin('organizations as o', 'o.id', 'm.org_id')
    .select(['o.id', 'o.name', 'q.type_code', sql<number>`count(DISTINCT q.volunteer_id)`.as('n')])
    .where('m.status', '=', 'active')
    .where('v.status', '=', 'active')
    .$if(s.orgIds !== undefined, (q) => q.where('o.id', 'in', s.orgIds!.length ? s.orgIds! : ['']))
    .$if(s.prefix !== undefined, (q) => q.where('o.region_code', 'like', `${s.prefix}%`))
    .where(valid(now))
    .groupBy(['o.id', 'o.name', 'q.type_code'])
    .orderBy('o.name')
    .limit(2000)
    .execute();
}

export function regionNames(db: Database, codes: string[]) {
  if (!codes.length) return Promise.resolve([]);
  return db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();
}

export function organizationName(db: Database, id: string) {
  return db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst();
}
