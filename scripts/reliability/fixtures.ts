// What the drills write through the API, set up directly in the database as the owner (as the bench does):
// an organization with its admin (password + TOTP), volunteers with live sessions, and four targets:
// a shift to sign up for, a shift open for check-in with accepted sign-ups, an ended shift whose attended
// sign-ups become draft records to confirm, and an Excel list of volunteers to import.
import { randomBytes } from 'node:crypto';
import {
  acceptedSignups,
  createOrganizer,
  createShift,
  volunteers,
  type Organizer,
  type Person,
  type Shift,
} from '../../bench/scenarios/activities.ts';
import { staffSession } from '../../bench/scenarios/staff.ts';
import type { Database } from '../../server/src/db/database.ts';
import {
  VOLUNTEER_HEADER,
  volunteerRow,
  xlsx,
  idFor,
} from '../../server/src/modules/imports/imports.testkit.ts';

export interface Targets {
  tag: string;
  org: Organizer;
  signupShift: Shift;
  signupPeople: Person[];
  checkinShift: Shift;
  checkinPeople: Person[];
  endedShift: Shift;
  endedPeople: Person[];
  /** Names in the import file (unique to this run): the check counts volunteers by them. */
  importNames: string[];
  importFile: Buffer;
}

export interface Sizes {
  signups: number;
  checkins: number;
  confirmations: number;
  importRows: number;
}

const minute = (t: number) => new Date(Math.ceil(t / 60_000) * 60_000);

export async function prepareTargets(db: Database, appKey: Buffer, name: string, n: Sizes): Promise<Targets> {
  const tag = randomBytes(3).toString('hex');
  const org = await createOrganizer(db, appKey, `${name}-${tag}`);
  const now = Date.now();
  // Sign-ups: tomorrow, room for everyone (a re-sent sign-up must not take a second place).
  const signupShift = await createShift(db, org, {
    title: `演练报名 ${tag}`,
    startsAt: minute(now + 24 * 3600_000),
    hours: 3,
    quota: n.signups + 10,
  });
  const signupPeople = await volunteers(db, n.signups, `s${tag}`);
  // Check-ins open an hour before the start: this shift starts in 20 minutes.
  const checkinShift = await createShift(db, org, {
    title: `演练签到 ${tag}`,
    startsAt: minute(now + 20 * 60_000),
    hours: 4,
    quota: n.checkins,
  });
  const checkinPeople = await volunteers(db, n.checkins, `c${tag}`);
  await acceptedSignups(db, checkinShift, checkinPeople);
  // Confirmations: a shift that ended yesterday, every sign-up checked in and out (3 h of service).
  const endedStart = minute(now - 30 * 3600_000);
  const endedShift = await createShift(db, org, {
    title: `演练确认 ${tag}`,
    startsAt: endedStart,
    hours: 3,
    quota: n.confirmations,
  });
  const endedPeople = await volunteers(db, n.confirmations, `r${tag}`);
  await acceptedSignups(db, endedShift, endedPeople);
  const signups = await db
    .selectFrom('signups')
    .select(['id', 'volunteer_id'])
    .where('shift_id', '=', endedShift.shiftId)
    .execute();
  for (let i = 0; i < signups.length; i += 1000)
    await db
      .insertInto('attendances')
      .values(
        signups.slice(i, i + 1000).map((g) => ({
          signup_id: g.id,
          shift_id: endedShift.shiftId,
          activity_id: endedShift.activityId,
          volunteer_id: g.volunteer_id,
          shift_range: endedShift.range,
          check_in_at: endedShift.startsAt,
          check_in_method: 'staff' as const,
          check_in_by: org.userId,
          check_out_at: endedShift.endsAt,
          check_out_method: 'staff' as const,
          check_out_by: org.userId,
        })),
      )
      .execute();
  // An import of valid volunteers (adults, unique ID numbers: sequence 7xx, not the demo's).
  const importNames = Array.from({ length: n.importRows }, (_, i) => `演练${tag}${i}`);
  const seq = 700 + Math.floor(Math.random() * 299);
  const importFile = await xlsx(
    VOLUNTEER_HEADER,
    importNames.map((nm, i) => volunteerRow(5000 + i, { 0: nm, 2: idFor(5000 + i, seq) })),
  );
  return {
    tag,
    org,
    signupShift,
    signupPeople,
    checkinShift,
    checkinPeople,
    endedShift,
    endedPeople,
    importNames,
    importFile,
  };
}

export { staffSession };
