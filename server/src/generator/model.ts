import { IdNumbers, VolunteerNumbers, birthDate, personName, phoneNumber } from './people.ts';
import { Rng, idPrefixOf } from './random.ts';
import { ACTIVITY_KINDS, LENGTHS, MEAN_LENGTH, addDays, iso, type Calendar } from './seasons.ts';

export { Calendar, MEAN_LENGTH } from './seasons.ts';
export type { Community, Params } from './params.ts';
import type { Community, Params } from './params.ts';
export { activeCounts, allocate } from './allocation.ts';

/**
 * The population model, without I/O: for one community ("unit") it draws the volunteers, their teams,
 * the teams' activities with a position and a shift each, sign-ups and attendance, and the confirmed
 * service records with their record events and totals, as rows of the real tables. Everything comes from
 * the run's seed and the community code, in community-code order, so a seed gives the same rows.
 *
 * Figures (docs/statistics.md, DOMAIN.md "Figures"):
 * - exactly round(active × n) volunteers of each community serve at least once in the period ("active");
 * - the community's confirmed minutes aim at hoursPerYear × years × n hours, shared among its active
 *   volunteers by a log-normal weight (a few serve a lot), cut into records of one activity day each;
 * - days are drawn by month (March, 学雷锋 month, about twice an average month; December's 国际志愿者日
 *   up; Spring Festival months down) and weekends twice a weekday; one record per volunteer per day.
 */

const PER_TEAM = 300;

type Row = Record<string, unknown>;
export type Rows = Record<TableName, Row[]>;

/** Tables the generator writes, in an order that satisfies every foreign key. */
export const TABLES = [
  'organizations',
  'volunteers',
  'memberships',
  'activities',
  'positions',
  'shifts',
  'signups',
  'attendances',
  'service_records',
  'record_events',
  'volunteer_totals',
  'volunteer_year_totals',
  'dispatch_menu_items',
  'dispatch_orders',
  'dispatch_ratings',
] as const;
export type TableName = (typeof TABLES)[number];

export const emptyRows = (): Rows =>
  Object.fromEntries(TABLES.map((t) => [t, [] as Row[]])) as unknown as Rows;

/** Plain personal facts of a generated volunteer, sealed only when the row is written (service.ts). */
export interface Person {
  docNumber: string;
  phone: string;
}

/** Counters shared by every unit of a run (unique numbers), advanced in community order. */
export class RunState {
  readonly ids = new IdNumbers();
  readonly numbers: VolunteerNumbers;
  phoneIndex = 0;
  readonly phoneSalt: number;
  readonly streets = new Set<string>();

  constructor(seed: string, takenNumbers: Set<string>) {
    const r = new Rng(`${seed}:run`);
    this.phoneSalt = r.int(0, 99_999_999);
    this.numbers = new VolunteerNumbers(r.int(0, 9_999_999), takenNumbers);
  }
}

/** The ids a unit's organizations get, known before generating (a resumed run skips units already written). */
export function unitIds(seed: string, c: Community) {
  const r = new Rng(`${seed}:ids:${c.code}`);
  return { street: new Rng(`${seed}:street:${c.street.code}`).uuid(), team: r.uuid() };
}

interface Ctx {
  params: Params;
  calendar: Calendar;
  state: RunState;
  adminId: string;
  /** The instant of the run: nothing is decided after it. */
  now: Date;
}

/**
 * Generates one community of `n` volunteers into `out` (when given; otherwise only the run's counters move,
 * as a resumed run does for units already written). `emitStreet`: this unit also writes its street's
 * federation (the first unit of the street in this run).
 */
export function generateUnit(
  ctx: Ctx,
  c: Community,
  n: number,
  out: Rows | null,
  people: Map<string, Person> | null,
  activeCount = Math.round(ctx.params.active * n),
) {
  const { params, calendar, state, adminId } = ctx;
  const rng = new Rng(`${params.seed}:unit:${c.code}`, idPrefixOf(c.code));
  const ids = unitIds(params.seed, c);
  const periodStart = calendar.days[0]!;
  const nowIso = ctx.now.toISOString();
  const capNow = (t: string) => (Date.parse(t) > ctx.now.getTime() ? nowIso : t);
  const district6 = c.district.code.slice(0, 6);
  const shortName = c.name.replace(/(社区居委会|居委会|村委会|居民委员会|村民委员会)$/, '');

  if (!state.streets.has(c.street.code)) {
    state.streets.add(c.street.code);
    out?.organizations.push({
      id: ids.street,
      name: `${c.street.name}志愿服务联合会`,
      region_code: c.street.code,
      parent_id: null,
      org_type: 'other',
      address: `${c.district.name}${c.street.name}党群服务中心`,
      person_in_charge: personName(new Rng(`${params.seed}:pic:${c.street.code}`), 'female'),
      categories: ['community', 'civility'],
      status: 'approved',
      reviewed_by: adminId,
      reviewed_at: iso(addDays(periodStart, -900), 600),
      created_by: adminId,
      created_at: iso(addDays(periodStart, -900), 600),
    });
  }

  // Teams: one per 300 volunteers (at least one), the first with the unit's fixed id.
  const teamCount = Math.max(1, Math.ceil(n / PER_TEAM));
  const teams = Array.from({ length: teamCount }, (_, t) => {
    const kind = ACTIVITY_KINDS[rng.int(0, ACTIVITY_KINDS.length - 1)]!;
    const id = t === 0 ? ids.team : rng.uuid();
    const created = addDays(periodStart, -rng.int(60, 1500));
    out?.organizations.push({
      id,
      name: `${shortName}${t === 0 ? '' : `第${t + 1}`}志愿服务队`,
      region_code: c.code,
      parent_id: ids.street,
      org_type: 'unregistered_team',
      address: `${c.district.name}${c.street.name}${shortName}党群服务站`,
      person_in_charge: personName(rng, rng.chance(0.6) ? 'female' : 'male'),
      categories: [kind.category, 'community'].filter((x, i, a) => a.indexOf(x) === i),
      status: 'approved',
      reviewed_by: adminId,
      reviewed_at: iso(created, 660),
      created_by: adminId,
      created_at: iso(created, 600),
    });
    return {
      id,
      kind,
      created,
      place: `${c.district.name}${c.street.name}${shortName}`,
      members: [] as string[],
    };
  });

  // Volunteers: which ones serve is fixed first (`activeCount` of them: see activeCounts).
  const activeFlags = rng.shuffle(Array.from({ length: n }, (_, i) => i < activeCount));
  const serving: { id: string; team: (typeof teams)[number]; weight: number }[] = [];
  for (let i = 0; i < n; i++) {
    const gender = rng.chance(0.57) ? 'female' : 'male';
    const drawn = birthDate(rng, new Date(`${params.today}T00:00:00Z`));
    const doc = state.ids.next(district6, drawn, gender);
    const phone = phoneNumber(state.phoneIndex++, state.phoneSalt);
    const volunteerNo = state.numbers.next(district6);
    const id = rng.uuid();
    const team = teams[i % teams.length]!;
    const isActive = activeFlags[i]!;
    // Those who serve registered before the period; of the others, one in five registered during it.
    const registered =
      isActive || !rng.chance(0.2)
        ? addDays(periodStart, -rng.int(1, Math.round(365 * 5)))
        : addDays(periodStart, rng.int(0, calendar.days.length - 1));
    const verified = rng.chance(0.92);
    const cats = [team.kind.category, ...(rng.chance(0.5) ? [rng.pick(ACTIVITY_KINDS).category] : [])];
    const createdAt = iso(registered, rng.int(480, 1260));
    people?.set(id, { docNumber: doc.number, phone });
    out?.volunteers.push({
      id,
      user_id: null,
      volunteer_no: volunteerNo,
      name: personName(rng, gender),
      gender,
      birth_date: doc.birthDate,
      doc_type: 'mainland_id',
      region_code: c.code,
      verification_status: verified ? 'verified' : 'unverified',
      verification_method: verified ? 'external' : null,
      verified_at: verified ? createdAt : null,
      categories: cats.filter((x, j, a) => a.indexOf(x) === j),
      registered_by_org: team.id,
      registration_consent_at: createdAt,
      sensitive_consent_at: createdAt,
      registration_consent_evidence: '线下登记表（生成数据）',
      status: 'active',
      created_at: createdAt,
      updated_at: createdAt,
    });
    out?.memberships.push({
      id: rng.uuid(),
      org_id: team.id,
      volunteer_id: id,
      role: team.members.length === 0 ? 'leader' : 'member',
      status: 'active',
      source: 'generated',
      created_at: createdAt,
      decided_at: createdAt,
      decided_by: adminId,
    });
    team.members.push(id);
    if (isActive) serving.push({ id, team, weight: Math.exp(0.6 * rng.normal()) });
  }

  // Each serving volunteer's share of the unit's minutes, as a number of activity days.
  const totalMinutes = params.hoursPerYear * 60 * params.years * n;
  const weightSum = serving.reduce((s, v) => s + v.weight, 0);
  const maxDays = Math.floor(calendar.days.length / 2);
  type Day = { volunteers: string[]; attendance: boolean[] };
  const teamDays = new Map<string, Map<number, Day>>(teams.map((t) => [t.id, new Map()]));
  const wanted = serving.map((v) => {
    const share = (totalMinutes * v.weight) / weightSum;
    return Math.min(maxDays, Math.max(1, Math.round(share / MEAN_LENGTH)));
  });
  for (const team of teams) {
    // The team's activity days, drawn by season: about a dozen volunteers a day, and enough days for the
    // most frequent volunteer; each volunteer then serves on some of them.
    const mine = serving.map((v, i) => [v, wanted[i]!] as const).filter(([v]) => v.team === team);
    if (!mine.length) continue;
    const records = mine.reduce((s, [, k]) => s + k, 0);
    const most = Math.max(...mine.map(([, k]) => k));
    const count = Math.min(calendar.days.length, Math.max(most * 2, Math.ceil(records / 12), 4));
    const open = new Set<number>();
    while (open.size < count) open.add(calendar.draw(rng));
    const pool = [...open].sort((a, b) => a - b);
    const days = teamDays.get(team.id)!;
    for (const [v, k] of mine) {
      const chosen = new Set<number>();
      while (chosen.size < k) chosen.add(pool[Math.floor(rng.next() * pool.length)]!);
      for (const d of [...chosen].sort((a, b) => a - b)) {
        let day = days.get(d);
        if (!day) days.set(d, (day = { volunteers: [], attendance: [] }));
        day.volunteers.push(v.id);
        day.attendance.push(rng.chance(params.attendanceShare));
      }
    }
  }

  // One activity per team and day served, with its position and shift; then the records.
  const totals = new Map<
    string,
    { minutes: number; records: number; last: string; years: Map<number, number> }
  >();
  for (const team of teams) {
    const days = teamDays.get(team.id)!;
    for (const d of [...days.keys()].sort((a, b) => a - b)) {
      const day = days.get(d)!;
      const date = calendar.days[d]!;
      const kind = rng.chance(0.7) ? team.kind : rng.pick(ACTIVITY_KINDS);
      const title = rng.pick(kind.titles);
      const length = LENGTHS[rng.weighted(LENGTHS.map(([, w]) => w))]![0];
      const startMin = rng.pick([480, 540, 570, 840, 900, 1140].filter((s) => s + length <= 22 * 60));
      const startsAt = iso(date, startMin);
      const endsAt = iso(date, startMin + length);
      const activityId = rng.uuid();
      const positionId = rng.uuid();
      const shiftId = rng.uuid();
      const leader = personName(rng, 'female');
      out?.activities.push({
        id: activityId,
        org_id: team.id,
        title: `${title}（${team.place}）`,
        description: `${kind.content}。`,
        category: kind.category,
        region_code: c.code,
        address: `${team.place}党群服务站`,
        starts_at: startsAt,
        ends_at: endsAt,
        contact_name: leader,
        person_in_charge: leader,
        status: 'closed',
        published_at: iso(addDays(date, -7), 600),
        closed_at: endsAt,
        created_by: adminId,
        created_at: iso(addDays(date, -8), 600),
        updated_at: endsAt,
      });
      out?.positions.push({ id: positionId, activity_id: activityId, name: '现场志愿服务', sort: 0 });
      out?.shifts.push({
        id: shiftId,
        position_id: positionId,
        activity_id: activityId,
        starts_at: startsAt,
        ends_at: endsAt,
        quota: day.volunteers.length + rng.int(0, 5),
      });
      const range = `[${startsAt},${endsAt})`;
      day.volunteers.forEach((volunteerId, j) => {
        const attendance = day.attendance[j]!;
        const signupId = attendance ? rng.uuid() : null;
        const recordId = rng.uuid();
        const decidedAt = capNow(iso(addDays(date, rng.int(1, 6)), rng.int(540, 1080)));
        if (attendance) {
          out?.signups.push({
            id: signupId,
            shift_id: shiftId,
            position_id: positionId,
            activity_id: activityId,
            volunteer_id: volunteerId,
            status: 'accepted',
            shift_range: range,
            created_at: iso(addDays(date, -rng.int(1, 6)), 720),
          });
          out?.attendances.push({
            id: rng.uuid(),
            signup_id: signupId,
            shift_id: shiftId,
            activity_id: activityId,
            volunteer_id: volunteerId,
            shift_range: range,
            check_in_at: startsAt,
            check_in_method: 'staff',
            check_in_by: adminId,
            check_out_at: endsAt,
            check_out_method: 'staff',
            check_out_by: adminId,
            created_at: startsAt,
          });
        }
        const recordKind = attendance ? 'attendance' : 'backfill';
        out?.service_records.push({
          id: recordId,
          kind: recordKind,
          volunteer_id: volunteerId,
          org_id: team.id,
          activity_id: activityId,
          shift_id: attendance ? shiftId : null,
          signup_id: signupId,
          service_date: date,
          activity_title: `${title}（${team.place}）`,
          place: `${team.place}党群服务站`,
          content: kind.content,
          position_name: '现场志愿服务',
          person_in_charge: leader,
          check_in_at: attendance ? startsAt : null,
          check_out_at: attendance ? endsAt : null,
          computed_minutes: attendance ? length : null,
          explain: '[]',
          minutes: length,
          reason: attendance ? null : '纸质签到表补录',
          evidence: '[]',
          status: 'confirmed',
          due_date: addDays(date, 14),
          created_by: null,
          created_at: capNow(endsAt),
          decided_by: adminId,
          decided_at: decidedAt,
        });
        out?.record_events.push({
          kind: 'confirmed',
          record_id: recordId,
          related_record_id: null,
          record_kind: recordKind,
          volunteer_id: volunteerId,
          org_id: team.id,
          region_code: c.code,
          activity_id: activityId,
          service_date: date,
          minutes_delta: length,
          resulting_minutes: length,
          actor_id: adminId,
          at: decidedAt,
        });
        let t = totals.get(volunteerId);
        if (!t) totals.set(volunteerId, (t = { minutes: 0, records: 0, last: decidedAt, years: new Map() }));
        t.minutes += length;
        t.records += 1;
        if (decidedAt > t.last) t.last = decidedAt;
        const year = Number(date.slice(0, 4));
        t.years.set(year, (t.years.get(year) ?? 0) + length);
      });
    }

    // A few open activities in the coming weeks, so the public pages show something to sign up for.
    for (let f = rng.int(1, 3); f > 0; f--) {
      const date = addDays(params.today, rng.int(2, 30));
      const kind = rng.chance(0.7) ? team.kind : rng.pick(ACTIVITY_KINDS);
      const title = rng.pick(kind.titles);
      const startsAt = iso(date, 540);
      const endsAt = iso(date, 720);
      const activityId = rng.uuid();
      const positionId = rng.uuid();
      const leader = personName(rng, 'male');
      out?.activities.push({
        id: activityId,
        org_id: team.id,
        title: `${title}（${team.place}）`,
        description: `${kind.content}。`,
        category: kind.category,
        region_code: c.code,
        address: `${team.place}党群服务站`,
        starts_at: startsAt,
        ends_at: endsAt,
        contact_name: leader,
        person_in_charge: leader,
        status: 'published',
        published_at: nowIso,
        closed_at: null,
        created_by: adminId,
        created_at: nowIso,
        updated_at: nowIso,
      });
      out?.positions.push({ id: positionId, activity_id: activityId, name: '现场志愿服务', sort: 0 });
      out?.shifts.push({
        id: rng.uuid(),
        position_id: positionId,
        activity_id: activityId,
        starts_at: startsAt,
        ends_at: endsAt,
        quota: rng.int(10, 30),
      });
    }
  }

  // Totals as confirmation.ts keeps them (each record is its own activity here: activities = records).
  for (const [volunteerId, t] of [...totals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out?.volunteer_totals.push({
      volunteer_id: volunteerId,
      minutes: t.minutes,
      records: t.records,
      activities: t.records,
      updated_at: t.last,
    });
    for (const [year, minutes] of [...t.years].sort(([a], [b]) => a - b))
      out?.volunteer_year_totals.push({ volunteer_id: volunteerId, year, minutes });
  }
}
