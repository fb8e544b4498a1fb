import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { openPostgres, withUser } from './database.ts';
import { pendingMigrations } from './migrate.ts';
import { appLoginProblem } from './setup.ts';
import { sha256 } from '../lib/crypto.ts';
import { APP_ROLE, execAsOwner, onPostgres } from '../test/database.ts';
import { createUser, signIn, startTestApp, type TestApp } from '../test/harness.ts';
import { bulkVolunteers } from '../modules/activities/bulk.testkit.ts';
import { insertOrganization } from '../modules/memberships/memberships.testkit.ts';

/**
 * The application's own database login (PostgreSQL only: PGlite has one user). The app logs in as
 * yiqi_app, so nothing it runs can become the owner again, and what it may change is what the code does.
 */
const skip = !onPostgres() ? 'PostgreSQL only (DATABASE_URL)' : false;
let t: TestApp;
let app: pg.Client;
let ownerUrl: string;
let volunteerId: string;
let confirmedId: string;
let grantId: string;
let mfaSession: Buffer;

/** Runs one statement on the app role's own connection. */
const asApp = (text: string, values: unknown[] = []) => app.query(text, values);
/** Refused by a grant (42501) or by a trigger (P0001), not by a mistake in the statement. */
async function refused(text: string, values: unknown[] = []) {
  await assert.rejects(
    asApp(text, values),
    (e: { code?: string }) => e.code === '42501' || e.code === 'P0001',
    `not refused: ${text}`,
  );
}

describe('the app role', { skip }, () => {
  before(async () => {
    t = await startTestApp();
    ownerUrl = (t.handle as { url?: string }).url!;
    app = new pg.Client({ connectionString: withUser(ownerUrl, APP_ROLE) });
    await app.connect();
    const orgId = await insertOrganization(t, '南山区权限测试服务队', '440305000000');
    const enteredBy = (await createUser(t, 'role.a', { role: 'org_admin', orgId })).id;
    const decider = await createUser(t, 'role.b', { role: 'org_admin', orgId });
    const cookie = await signIn(t, decider);
    mfaSession = sha256(cookie.slice('yiqi_sid='.length));
    grantId = (await asApp(`SELECT id FROM role_grants WHERE user_id = $1`, [enteredBy])).rows[0].id;
    volunteerId = (await bulkVolunteers(t.handle.db, 1, t.clock.now()))[0]!.volunteerId;
    // A back-fill entered by one admin and approved by the other through the API: confirmed, in the totals.
    const row = await asApp(
      `INSERT INTO service_records (kind, volunteer_id, org_id, service_date, activity_title, place, content,
         person_in_charge, minutes, reason, status, created_by)
       VALUES ('backfill', $1, $2, '2026-10-01', '社区值守', '南山', '值守', '李', 120, '台账补录', 'pending', $3)
       RETURNING id`,
      [volunteerId, orgId, enteredBy],
    );
    confirmedId = row.rows[0].id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/records/${confirmedId}/decision`,
      headers: { cookie },
      payload: { decision: 'approve' },
    });
    assert.equal(res.statusCode, 200, res.body);
  });
  after(async () => {
    await app?.end();
    await t?.close();
  });

  it('logs in as itself, not a superuser, and cannot become anyone else', async () => {
    const me = await asApp(
      `SELECT session_user, current_user, rolsuper FROM pg_roles WHERE rolname = current_user`,
    );
    assert.deepEqual(me.rows[0], { session_user: APP_ROLE, current_user: APP_ROLE, rolsuper: false });
    await refused(`SET ROLE postgres`);
    await refused(`SET SESSION AUTHORIZATION postgres`);
    // RESET ROLE gives back the login's own role, which still cannot change the audit log.
    await asApp(`RESET ROLE`);
    await refused(`DELETE FROM audit_log`);
    await refused(`UPDATE audit_log SET result = 'ok'`);
    await refused(`CREATE ROLE intruder SUPERUSER`);
    await refused(`ALTER TABLE service_records DISABLE TRIGGER service_records_guard`);
    await refused(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_protect`);
    await refused(`DROP TRIGGER volunteer_totals_derived ON volunteer_totals`);
    await refused(`CREATE TABLE public.intruder (id int)`);
  });

  it('reads the schema as current at start, and refuses to start as the owner', async () => {
    assert.deepEqual(await pendingMigrations(t.handle), []);
    assert.equal(await appLoginProblem(t.handle), null);
    const owner = await openPostgres(ownerUrl, { max: 1 });
    try {
      assert.match((await appLoginProblem(owner)) ?? '', /superuser|owner/);
    } finally {
      await owner.close();
    }
    // "permission denied" is not "no table": it is reported, not read as every migration pending.
    await execAsOwner(t.handle, `REVOKE SELECT ON schema_migrations FROM ${APP_ROLE}`);
    try {
      await assert.rejects(pendingMigrations(t.handle), (e: { code?: string }) => e.code === '42501');
    } finally {
      await execAsOwner(t.handle, `GRANT SELECT ON schema_migrations TO ${APP_ROLE}`);
    }
  });

  it('cannot change a confirmed record: decision, status, minutes, or delete it', async () => {
    const before = (await asApp(`SELECT * FROM service_records WHERE id = $1`, [confirmedId])).rows[0];
    assert.equal(before.status, 'confirmed');
    const other = (await asApp(`SELECT id FROM users WHERE username = 'role.a'`)).rows[0].id;
    await refused(`UPDATE service_records SET decided_by = $2 WHERE id = $1`, [confirmedId, other]);
    await refused(`UPDATE service_records SET decided_at = now() WHERE id = $1`, [confirmedId]);
    await refused(`UPDATE service_records SET reject_reason = 'x' WHERE id = $1`, [confirmedId]);
    await refused(`UPDATE service_records SET status = 'pending' WHERE id = $1`, [confirmedId]);
    await refused(`UPDATE service_records SET status = 'rejected' WHERE id = $1`, [confirmedId]);
    // Superseded only by a correction of it.
    await refused(`UPDATE service_records SET status = 'superseded' WHERE id = $1`, [confirmedId]);
    await refused(`UPDATE service_records SET minutes = 600 WHERE id = $1`, [confirmedId]);
    await refused(`DELETE FROM service_records WHERE id = $1`, [confirmedId]);
    // What the code does to confirmed records still works: the national export marks them synced.
    await asApp(`UPDATE service_records SET sync_status = 'synced', synced_at = now() WHERE id = $1`, [
      confirmedId,
    ]);
    const after = (await asApp(`SELECT * FROM service_records WHERE id = $1`, [confirmedId])).rows[0];
    assert.deepEqual(
      [after.status, after.decided_by, after.decided_at, after.minutes],
      [before.status, before.decided_by, before.decided_at, before.minutes],
    );
  });

  it('cannot write totals that differ from the confirmed records', async () => {
    const totals = (
      await asApp(`SELECT minutes, records FROM volunteer_totals WHERE volunteer_id = $1`, [volunteerId])
    ).rows[0];
    assert.deepEqual(totals, { minutes: '120', records: 1 });
    await refused(`UPDATE volunteer_totals SET minutes = minutes + 600 WHERE volunteer_id = $1`, [
      volunteerId,
    ]);
    await refused(`UPDATE volunteer_totals SET records = 5 WHERE volunteer_id = $1`, [volunteerId]);
    await refused(`UPDATE volunteer_year_totals SET minutes = 9999 WHERE volunteer_id = $1`, [volunteerId]);
    await refused(
      `INSERT INTO volunteer_totals (volunteer_id, minutes) VALUES ($1, 60)
       ON CONFLICT (volunteer_id) DO UPDATE SET minutes = volunteer_totals.minutes + 60`,
      [volunteerId],
    );
    const fresh = (await bulkVolunteers(t.handle.db, 1, t.clock.now()))[0]!.volunteerId;
    await refused(`INSERT INTO volunteer_totals (volunteer_id, minutes, records) VALUES ($1, 6000, 10)`, [
      fresh,
    ]);
    await refused(`INSERT INTO volunteer_year_totals (volunteer_id, year, minutes) VALUES ($1, 2026, 6000)`, [
      fresh,
    ]);
    // Making the row to lock it (lockVolunteer) and a write that matches the records still pass.
    await asApp(`INSERT INTO volunteer_totals (volunteer_id) VALUES ($1) ON CONFLICT DO NOTHING`, [fresh]);
    await asApp(`INSERT INTO volunteer_totals (volunteer_id) VALUES ($1) ON CONFLICT DO NOTHING`, [
      volunteerId,
    ]);
    await asApp(`UPDATE volunteer_totals SET updated_at = now() WHERE volunteer_id = $1`, [volunteerId]);
  });

  it('only revokes a grant, once; never rescopes, reinstates or deletes one', async () => {
    await refused(`UPDATE role_grants SET region_code = '440000000000' WHERE id = $1`, [grantId]);
    await refused(`UPDATE role_grants SET role = 'system_admin' WHERE id = $1`, [grantId]);
    await refused(`UPDATE role_grants SET revoked_at = now() WHERE id = $1`, [grantId]);
    await refused(`DELETE FROM role_grants WHERE id = $1`, [grantId]);
    const by = (await asApp(`SELECT id FROM users WHERE username = 'role.b'`)).rows[0].id;
    await asApp(`UPDATE role_grants SET revoked_at = now(), revoked_by = $2 WHERE id = $1`, [grantId, by]);
    await refused(`UPDATE role_grants SET revoked_at = NULL, revoked_by = NULL WHERE id = $1`, [grantId]);
    await refused(`UPDATE role_grants SET revoked_at = now() - interval '1 day' WHERE id = $1`, [grantId]);
  });

  it('passes a session’s second factor once', async () => {
    const s = (await asApp(`SELECT mfa_at, user_id FROM sessions WHERE token_hash = $1`, [mfaSession]))
      .rows[0];
    assert.ok(s.mfa_at);
    await refused(`UPDATE sessions SET mfa_at = now() + interval '1 hour' WHERE token_hash = $1`, [
      mfaSession,
    ]);
    await refused(`UPDATE sessions SET mfa_at = NULL WHERE token_hash = $1`, [mfaSession]);
    const other = (await asApp(`SELECT id FROM users WHERE username = 'role.a'`)).rows[0].id;
    await refused(`UPDATE sessions SET user_id = $2 WHERE token_hash = $1`, [mfaSession, other]);
    // What the code does: touch, and revoke once.
    await asApp(`UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1`, [mfaSession]);
    await asApp(`UPDATE sessions SET revoked_at = now() WHERE token_hash = $1`, [mfaSession]);
    await refused(`UPDATE sessions SET revoked_at = NULL WHERE token_hash = $1`, [mfaSession]);
  });
});
