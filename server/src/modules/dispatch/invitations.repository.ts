import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/** SQL of invitations (邀请), order and report photos, follow-up closes and who hears of an order. */

/** The volunteers named, with their account and region (for scope and self checks). */
export function volunteersByIds(db: Database, ids: string[]) {
  return db
    .selectFrom('volunteers')
    .select(['id', 'user_id', 'region_code', 'volunteer_no', 'name', 'status'])
    .where('id', 'in', ids)
    .execute();
}

export function insertInvitations(
  db: Database,
  rows: {
    order_id: string;
    volunteer_id: string;
    invited_by: string;
    via_team: string | null;
    created_at: Date;
  }[],
) {
  return db
    .insertInto('dispatch_invitations')
    .values(rows)
    .onConflict((oc) => oc.columns(['order_id', 'volunteer_id']).doNothing())
    .returning('id')
    .execute();
}

export function invitationsOf(db: Database, orderId: string) {
  return db
    .selectFrom('dispatch_invitations as i')
    .innerJoin('volunteers as v', 'v.id', 'i.volunteer_id')
    .select([
      'i.id',
      'i.volunteer_id',
      'v.volunteer_no',
      'v.name',
      'i.status',
      'i.decline_reason',
      'i.via_team',
      'i.created_at',
      'i.decided_at',
    ])
    .where('i.order_id', '=', orderId)
    .orderBy('i.created_at')
    .orderBy('i.id')
    .execute();
}

/** The caller's own invitations (through their volunteer record), newest first. */
export function myInvitations(db: Database, userId: string) {
  return db
    .selectFrom('dispatch_invitations as i')
    .innerJoin('volunteers as v', 'v.id', 'i.volunteer_id')
    .innerJoin('dispatch_orders as d', 'd.id', 'i.order_id')
    .innerJoin('dispatch_menu_items as m', 'm.id', 'd.item_id')
    .innerJoin('regions as r', (j) =>
      j.onRef('r.code', '=', 'd.region_code').onRef('r.level', '=', 'd.region_level'),
    )
    .leftJoin('organizations as t', 't.id', 'd.team_id')
    .select([
      'i.id',
      'i.status',
      'i.decline_reason',
      'i.created_at',
      'm.title as item_title',
      'd.scope',
      'd.state',
      'd.preferred_at',
      'd.deadline',
      'r.name as region_name',
      't.name as team_name',
    ])
    .where('v.user_id', '=', userId)
    .orderBy('i.created_at', 'desc')
    .limit(200)
    .execute();
}

/** One invitation, only if it is addressed to the caller's volunteer record (else undefined). */
export function ownInvitation(db: Database, id: string, userId: string) {
  return db
    .selectFrom('dispatch_invitations as i')
    .innerJoin('volunteers as v', 'v.id', 'i.volunteer_id')
    .select(['i.id', 'i.order_id', 'i.volunteer_id', 'i.status'])
    .where('i.id', '=', id)
    .where('v.user_id', '=', userId)
    .forUpdate('i')
    .executeTakeFirst();
}

/** An answer, guarded by the status still being 'invited' (a second answer changes nothing). */
export function answerInvitation(
  db: Database,
  id: string,
  v: { status: 'accepted' | 'declined'; decline_reason: string | null; decided_at: Date },
) {
  return db
    .updateTable('dispatch_invitations')
    .set(v)
    .where('id', '=', id)
    .where('status', '=', 'invited')
    .returning('id')
    .executeTakeFirst();
}

/** An accepted volunteer joins the order's named volunteers (not a move of its state: the version stays). */
export function nameVolunteer(db: Database, orderId: string, volunteerId: string) {
  return db
    .updateTable('dispatch_orders')
    .set({ volunteer_ids: sql<string[]>`array_append(volunteer_ids, ${volunteerId}::uuid)` })
    .where('id', '=', orderId)
    .where(sql<boolean>`NOT (${volunteerId}::uuid = ANY(volunteer_ids))`)
    .execute();
}

export function insertPhotos(
  db: Database,
  rows: {
    order_id: string;
    kind: 'order' | 'report';
    mime: string;
    bytes: Buffer;
    uploaded_by: string;
    created_at: Date;
  }[],
) {
  if (rows.length === 0) return Promise.resolve();
  return db.insertInto('dispatch_photos').values(rows).execute();
}

export function photo(db: Database, orderId: string, photoId: string) {
  return db
    .selectFrom('dispatch_photos')
    .select(['mime', 'bytes'])
    .where('order_id', '=', orderId)
    .where('id', '=', photoId)
    .executeTakeFirst();
}

/** 回访 closed with a note, guarded by it being open (a second close changes nothing). */
export function closeFollowUp(db: Database, id: string, v: { note: string; by: string; at: Date }) {
  return db
    .updateTable('dispatch_orders')
    .set({ follow_up: 'closed', follow_up_note: v.note, follow_up_by: v.by, follow_up_closed_at: v.at })
    .where('id', '=', id)
    .where('follow_up', '=', 'open')
    .returning('id')
    .executeTakeFirst();
}

/** Region admins of a unit (who holds an order there): the people a reminder goes to. */
export function unitAdmins(db: Database, code: string) {
  return db
    .selectFrom('role_grants')
    .select('user_id')
    .where('role', '=', 'region_admin')
    .where('region_code', '=', code)
    .where('revoked_at', 'is', null)
    .execute();
}

export function teamAdmins(db: Database, orgId: string) {
  return db
    .selectFrom('role_grants')
    .select('user_id')
    .where('role', '=', 'org_admin')
    .where('org_id', '=', orgId)
    .where('revoked_at', 'is', null)
    .execute();
}

/**
 * Whether the unit was already reminded of a late follow-up: a reminder on the timeline after completion
 * (nothing else reminds a completed order), so a timer run again after a lost lease reminds no one twice.
 */
export async function followUpReminded(db: Database, orderId: string): Promise<boolean> {
  const row = await db
    .selectFrom('dispatch_hops')
    .select('id')
    .where('order_id', '=', orderId)
    .where('action', '=', 'remind')
    .where('from_state', '=', 'completed')
    .executeTakeFirst();
  return row !== undefined;
}
