// Scenario "import-hours-100k": an organization's own sheet of 100,000 service-hour rows (20,000 volunteers
// named by volunteer number, five days each; written with exceljs's streaming writer) uploaded to the API
// on a fresh database and polled until imported as pending records; then a second person approves the whole
// batch in one request. For the ratios, the same SQL done directly on empty copies of the tables: the
// validation's lookups and the commit's multi-row INSERTs, then the batch confirmation with its totals.
// Reports the API process's peak memory (VmHWM). Goal: the import under 60 s.
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { openPostgres } from '../../server/src/db/database.ts';
import { activeVolunteers } from '../../server/src/modules/imports/imports.repository.ts';
import {
  heldMinutes,
  insertImported,
  recordedKeys,
} from '../../server/src/modules/records/record-imports.repository.ts';
import {
  confirmBatch,
  holdBatchVolunteers,
} from '../../server/src/modules/records/confirmation.repository.ts';
import { DAY_MINUTES } from '@yiqi/shared/records/hours';
import { processMemory, startApi, withBenchDatabase, type JobResult, type Scenario } from '../lib.ts';
import { runImport } from './import-job.ts';
import { createStaff, GIVEN, staffSession, SURNAMES } from './staff.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const PEOPLE = Math.max(1, Math.ceil(ROWS / 5));
const BATCH = 1000;
const NANSHAN = '440305000000';
const TITLES = ['社区长者探访', '深圳湾净滩', '图书馆导读', '交通文明引导', '社区防疫宣传'];
const PLACES = ['南山区粤海街道', '南山区蛇口街道', '南山区桃源街道', '南山区西丽街道'];
const DAY = 86_400_000;

/** Row i: volunteer i mod PEOPLE, on day i div PEOPLE (days back from 2026-10-31), 0.5–8 h. */
function entry(i: number) {
  const n = 1 + (i % PEOPLE);
  const date = new Date(Date.UTC(2026, 9, 31) - Math.floor(i / PEOPLE) * DAY).toISOString().slice(0, 10);
  return {
    volunteerNo: `H${String(n).padStart(9, '0')}`,
    date,
    title: TITLES[i % TITLES.length]!,
    place: PLACES[i % PLACES.length]!,
    content: '协助现场秩序维护与物资分发',
    minutes: 30 * (1 + (i % 16)),
  };
}

async function writeFile(path: string) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('台账');
  ws.addRow([
    '志愿者编号',
    '服务日期',
    '活动名称',
    '服务地点',
    '服务内容',
    '服务时长（小时）',
    '负责人',
  ]).commit();
  for (let i = 0; i < ROWS; i++) {
    const e = entry(i);
    ws.addRow([
      e.volunteerNo,
      e.date,
      e.title,
      e.place,
      e.content,
      String(e.minutes / 60),
      '李队长',
    ]).commit();
  }
  await ws.commit();
  await wb.commit();
}

export const importHoursBench: Scenario = {
  name: 'import-hours-100k',
  description: `upload a ${ROWS.toLocaleString('en')}-row sheet of service hours, then approve the batch`,
  run: (o) =>
    withBenchDatabase(o.adminUrl, async ({ url, handle }) => {
      const db = handle.db;
      const appKey = randomBytes(32);
      const org = await db
        .insertInto('organizations')
        .values({ name: '时长导入基准测试志愿服务队', region_code: NANSHAN })
        .returning('id')
        .executeTakeFirstOrThrow();
      const uploader = await createStaff(db, appKey, 'bench.hours', 'org_admin', { orgId: org.id });
      const approver = await createStaff(db, appKey, 'bench.hours.ok', 'region_admin', { region: NANSHAN });
      await sql`INSERT INTO volunteers (volunteer_no, name, region_code, doc_bidx, verification_status)
        SELECT 'H' || lpad(n::text, 9, '0'),
          (${SURNAMES}::text[])[1 + n % ${SURNAMES.length}] || (${GIVEN}::text[])[1 + (n / 7) % ${GIVEN.length}],
          ${NANSHAN}, sha256(convert_to('hours' || n, 'UTF8')), 'verified'
        FROM generate_series(1, ${PEOPLE}::int) n`.execute(db);
      const path = join(tmpdir(), `yiqi-hours-${randomBytes(4).toString('hex')}.xlsx`);
      try {
        let t = performance.now();
        await writeFile(path);
        const file = await readFile(path);
        console.log(
          `   wrote ${ROWS} rows (${(file.length / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
        );

        const api = await startApi(url, { env: { YIQI_APP_KEY: appKey.toString('base64') } });
        let apiSeconds: number, validateSeconds: number, approveSeconds: number, jobId: string;
        let memory: { before: number; peak: number };
        try {
          const cookie = await staffSession(api.origin, uploader);
          const before = await processMemory(api.pid);
          const reason = encodeURIComponent('纸质台账补录（基准测试）');
          const done = await runImport(
            api.origin,
            cookie,
            `/api/imports/records?orgId=${org.id}&reason=${reason}`,
            file,
            ROWS,
          );
          ({ jobId, seconds: apiSeconds, validateSeconds } = done);
          memory = { before: before.rssMb, peak: (await processMemory(api.pid)).peakMb };

          const second = await staffSession(api.origin, approver);
          t = performance.now();
          const ok = await fetch(`${api.origin}/api/imports/${jobId}/decision`, {
            method: 'POST',
            headers: { cookie: second, 'content-type': 'application/json' },
            body: JSON.stringify({ decision: 'approve' }),
          });
          approveSeconds = (performance.now() - t) / 1000;
          const decided = (await ok.json()) as { confirmed: number };
          if (ok.status !== 200 || decided.confirmed !== ROWS)
            throw new Error(`approval: ${ok.status} ${JSON.stringify(decided)}`);
        } finally {
          await api.stop();
        }
        const totals = await sql<{ n: number; minutes: number; sum: number }>`
          SELECT count(*)::int AS n, sum(minutes)::bigint AS minutes,
            (SELECT sum(minutes) FROM service_records WHERE status = 'confirmed')::bigint AS sum
          FROM volunteer_totals`.execute(db);
        const tot = totals.rows[0]!;
        if (Number(tot.minutes) !== Number(tot.sum) || tot.n !== PEOPLE)
          throw new Error(`totals do not reconcile: ${JSON.stringify(tot)}`);

        // The same statements on empty copies of the tables (same indexes), found first on the search path.
        await handle.execInTransaction(`CREATE SCHEMA raw;
          CREATE TABLE raw.service_records (LIKE public.service_records INCLUDING ALL);
          CREATE TABLE raw.volunteer_totals (LIKE public.volunteer_totals INCLUDING ALL);
          CREATE TABLE raw.volunteer_year_totals (LIKE public.volunteer_year_totals INCLUDING ALL);
          CREATE TABLE raw.record_events (LIKE public.record_events INCLUDING ALL);`);
        const rawUrl = new URL(url);
        rawUrl.searchParams.set('options', '-c search_path=raw,public');
        const raw = await openPostgres(rawUrl.href, { max: 1 });
        const job = await db.selectFrom('import_jobs').select(['id', 'created_by']).executeTakeFirstOrThrow();
        let rawSeconds: number, rawApproveSeconds: number;
        try {
          const entries = Array.from({ length: ROWS }, (_, i) => entry(i));
          t = performance.now();
          const ids = new Map<string, string>();
          for (let i = 0; i < ROWS; i += BATCH) {
            const batch = entries.slice(i, i + BATCH);
            for (const v of await activeVolunteers(raw.db, [...new Set(batch.map((e) => e.volunteerNo))], []))
              ids.set(v.volunteerNo, v.id);
            const keys = batch.map((e) => ({
              volunteerId: ids.get(e.volunteerNo)!,
              date: e.date,
              title: e.title,
            }));
            await recordedKeys(raw.db, org.id, keys);
            await heldMinutes(raw.db, keys);
          }
          await raw.db.transaction().execute(async (trx) => {
            for (let i = 0; i < ROWS; i += BATCH)
              await insertImported(
                trx,
                {
                  orgId: org.id,
                  jobId: job.id,
                  reason: '纸质台账补录（基准测试）',
                  createdBy: job.created_by,
                  at: new Date(),
                },
                entries.slice(i, i + BATCH).map((e) => ({
                  volunteerId: ids.get(e.volunteerNo)!,
                  serviceDate: e.date,
                  activityTitle: e.title,
                  place: e.place,
                  content: e.content,
                  positionName: null,
                  personInCharge: '李队长',
                  minutes: e.minutes,
                })),
              );
          });
          rawSeconds = (performance.now() - t) / 1000;
          const by = await db
            .selectFrom('users')
            .select('id')
            .where('username', '=', approver.username)
            .executeTakeFirstOrThrow();
          t = performance.now();
          const r = await raw.db.transaction().execute(async (trx) => {
            await holdBatchVolunteers(trx, job.id);
            return confirmBatch(trx, job.id, by.id, new Date(), DAY_MINUTES);
          });
          rawApproveSeconds = (performance.now() - t) / 1000;
          if (r.confirmed !== ROWS) throw new Error(`raw confirmation: ${JSON.stringify(r)}`);
        } finally {
          await raw.close();
        }
        const upload: JobResult = {
          scenario: 'import-hours-100k',
          phase: 'import',
          rows: ROWS,
          apiSeconds,
          rawSeconds,
          ratio: apiSeconds / rawSeconds,
          peakRssMb: memory.peak,
          rssBeforeMb: memory.before,
          extra: { validateSeconds, commitSeconds: apiSeconds - validateSeconds, fileMb: file.length / 1e6 },
          note:
            `validation ${validateSeconds.toFixed(1)} s (read the file, check every row, ${Math.ceil(ROWS / BATCH) * 3} lookups), ` +
            `commit ${(apiSeconds - validateSeconds).toFixed(1)} s (INSERTs of ${BATCH} rows, one transaction); goal < 60 s; ` +
            `raw = the same lookups and INSERTs on prepared rows`,
        };
        const approve: JobResult = {
          scenario: 'import-hours-100k',
          phase: 'approve',
          rows: ROWS,
          apiSeconds: approveSeconds,
          rawSeconds: rawApproveSeconds,
          ratio: approveSeconds / rawApproveSeconds,
          peakRssMb: memory.peak,
          rssBeforeMb: memory.before,
          note: `one request confirms the batch and moves ${PEOPLE.toLocaleString('en')} volunteers' totals in one statement; totals reconcile with the confirmed records`,
        };
        return [upload, approve];
      } finally {
        await rm(path, { force: true });
      }
    }),
};
