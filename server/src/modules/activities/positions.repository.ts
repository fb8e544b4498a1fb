import type { Insertable, Updateable } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { PositionsTable, ShiftsTable } from '../../db/schema.activities.ts';
import { OPEN } from './signups.repository.ts';

/** How many positions the activity has had (removed ones included): the next one's sort. */
export async function countPositions(db: Database, activityId: string): Promise<number> {
  const r = await db
    .selectFrom('positions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export function insertPosition(db: Database, values: Insertable<PositionsTable>) {
  return db.insertInto('positions').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function insertShifts(db: Database, rows: Insertable<ShiftsTable>[]): Promise<void> {
  await db.insertInto('shifts').values(rows).execute();
}

/** A position of the activity that is not removed. */
export function findLivePosition(db: Database, activityId: string, positionId: string) {
  return db
    .selectFrom('positions')
    .selectAll()
    .where('id', '=', positionId)
    .where('activity_id', '=', activityId)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

/** Sign-ups holding or waiting for a place (pending, accepted, waitlisted) on these shifts. */
export async function countOpenSignups(db: Database, shiftIds: string[]): Promise<number> {
  if (shiftIds.length === 0) return 0;
  const r = await db
    .selectFrom('signups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shift_id', 'in', shiftIds)
    .where('status', 'in', OPEN)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The position's live shifts, locked against concurrent changes (sign-ups still take places). */
export function lockLiveShifts(db: Database, positionId: string) {
  return db
    .selectFrom('shifts')
    .selectAll()
    .where('position_id', '=', positionId)
    .where('removed_at', 'is', null)
    .forNoKeyUpdate()
    .execute();
}

/** The ids of the position's live shifts, locked as in lockLiveShifts. */
export function lockLiveShiftIds(db: Database, positionId: string) {
  return db
    .selectFrom('shifts')
    .select('id')
    .where('position_id', '=', positionId)
    .where('removed_at', 'is', null)
    .forNoKeyUpdate()
    .execute();
}

export async function removeShifts(db: Database, shiftIds: string[], at: Date): Promise<void> {
  await db.updateTable('shifts').set({ removed_at: at }).where('id', 'in', shiftIds).execute();
}

export async function removeShiftsOfPosition(db: Database, positionId: string, at: Date): Promise<void> {
  await db.updateTable('shifts').set({ removed_at: at }).where('position_id', '=', positionId).execute();
}

export async function updatePositionRow(
  db: Database,
  positionId: string,
  values: Updateable<PositionsTable>,
): Promise<void> {
  await db.updateTable('positions').set(values).where('id', '=', positionId).execute();
}

export async function updateShift(
  db: Database,
  shiftId: string,
  values: { starts_at: Date; ends_at: Date; quota: number },
): Promise<void> {
  await db.updateTable('shifts').set(values).where('id', '=', shiftId).execute();
}

/** Whether anyone has checked in to the shift. */
export async function hasAttendance(db: Database, shiftId: string): Promise<boolean> {
  const r = await db
    .selectFrom('attendances')
    .select('id')
    .where('shift_id', '=', shiftId)
    .executeTakeFirst();
  return Boolean(r);
}

/** Moves the time range the shift's sign-ups hold (kept on each sign-up for the overlap constraint). */
export async function moveSignups(db: Database, shiftId: string, range: string): Promise<void> {
  await db.updateTable('signups').set({ shift_range: range }).where('shift_id', '=', shiftId).execute();
}

/** The users with an open sign-up on these shifts (one row per sign-up). */
export function usersWithOpenSignups(db: Database, shiftIds: string[]) {
  return db
    .selectFrom('signups as g')
    .innerJoin('volunteers as v', 'v.id', 'g.volunteer_id')
    .select('v.user_id')
    .where('g.shift_id', 'in', shiftIds)
    .where('g.status', 'in', OPEN)
    .execute();
}

/** Whether the training catalogue has this qualification type. */
export async function qualificationTypeExists(db: Database, code: string): Promise<boolean> {
  const r = await db
    .selectFrom('qualification_types')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  return r !== undefined;
}
