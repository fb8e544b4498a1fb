/**
 * Test factories for organizations and memberships. Volunteers are inserted directly: their registration
 * API belongs to the volunteers module and is exercised by its own tests.
 */
import { randomBytes } from 'node:crypto';
import { usccCheckChar } from '@yiqi/shared/identity/uscc';
import { createUser, type TestApp, type TestUser } from '../../test/harness.ts';

let seq = 0;

export interface TestVolunteer {
  user: TestUser;
  id: string;
  volunteerNo: string;
}

/** An account with an active volunteer record in `region` (Nanshan by default). */
export async function createVolunteer(
  t: TestApp,
  username: string,
  opts: { region?: string; status?: 'active' | 'closed' } = {},
): Promise<TestVolunteer> {
  const user = await createUser(t, username);
  return { user, ...(await addVolunteerRecord(t, user.id, opts)) };
}

/** Gives an existing account a volunteer record. */
export async function addVolunteerRecord(
  t: TestApp,
  userId: string | null,
  opts: { region?: string; status?: 'active' | 'closed' } = {},
): Promise<{ id: string; volunteerNo: string }> {
  const volunteerNo = `T${process.pid}${String(++seq).padStart(6, '0')}`;
  const row = await t.handle.db
    .insertInto('volunteers')
    .values({
      user_id: userId,
      volunteer_no: volunteerNo,
      name: `志愿者${seq}`,
      region_code: opts.region ?? '440305000000',
      doc_bidx: randomBytes(32),
      status: opts.status ?? 'active',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, volunteerNo };
}

/** A valid USCC (GB 32100 check character) that differs for each `n`; `5…` = registered with civil affairs. */
export function makeUscc(n: number, first = '5'): string {
  const body = `${first}1440305MJ${String(n).padStart(7, '0')}`;
  return body + usccCheckChar(body)!;
}

/** A valid registration body; override any field. */
export function registration(overrides: Record<string, unknown> = {}) {
  return {
    name: `测试志愿服务队${++seq}`,
    orgType: 'unregistered_team',
    hostUnit: '南山区某社区居委会',
    regionCode: '440305000000',
    address: '深圳市南山区南头街道 1 号',
    contactName: '陈联系',
    contactPhone: '13800138000',
    personInCharge: '李负责',
    categories: ['community'],
    ...overrides,
  };
}

/** Inserts an organization in any state, bypassing registration and review. */
export async function insertOrganization(
  t: TestApp,
  name: string,
  region: string,
  opts: { status?: 'pending' | 'approved' | 'rejected'; parentId?: string; createdBy?: string } = {},
): Promise<string> {
  const row = await t.handle.db
    .insertInto('organizations')
    .values({
      name,
      region_code: region,
      status: opts.status ?? 'approved',
      parent_id: opts.parentId ?? null,
      created_by: opts.createdBy ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
