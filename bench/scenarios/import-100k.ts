// Scenario "import-100k": a 100,000-row volunteer list (written with exceljs's streaming writer, shared
// strings as Excel writes them) uploaded to the API on a fresh database and polled until imported; then
// the commit's SQL alone (the same number checks and multi-row INSERTs of the same rows, prepared
// beforehand) done directly, for the ratio. Reports the API process's peak memory (VmHWM).
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { idCheckChar } from '@yiqi/shared/identity/documents';
import { openPostgres } from '../../server/src/db/database.ts';
import { loadConfig } from '../../server/src/lib/config.ts';
import { checkIdentity, personColumns } from '../../server/src/modules/volunteers/person.ts';
import { newVolunteerNumber } from '../../server/src/modules/volunteers/volunteer-number.ts';
import {
  insertVolunteersSkippingRegistered,
  takenVolunteerNumbers,
} from '../../server/src/modules/volunteers/volunteers.repository.ts';
import { processMemory, startApi, withBenchDatabase, type JobResult, type Scenario } from '../lib.ts';
import { runImport } from './import-job.ts';
import { createStaff, GIVEN, staffSession, SURNAMES } from './staff.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const BATCH = 1000;
const CONSENT = '2026-01-15 10:00';
const DAY = 86_400_000;

/** Row i: a unique adult mainland ID, a unique phone, a real Guangdong community. */
function person(i: number, communities: string[]) {
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 18_000) * DAY).toISOString().slice(0, 10);
  const first17 = `440305${birth.replace(/-/g, '')}${String(1 + Math.floor(i / 18_000)).padStart(3, '0')}`;
  return {
    name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[(i * 13) % GIVEN.length]!,
    docNumber: first17 + idCheckChar(first17),
    phone: `1${3 + (i % 7)}${String(i).padStart(9, '0')}`,
    regionCode: communities[(i * 7919) % communities.length]!,
    evidence: `纸质同意书 2026-${String(i).padStart(6, '0')}`,
  };
}

async function writeFile(path: string, communities: string[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useSharedStrings: true,
    useStyles: false,
  });
  const ws = wb.addWorksheet('志愿者');
  ws.addRow([
    '姓名',
    '证件类型',
    '证件号码',
    '手机号',
    '居住地区划代码',
    '出生日期',
    '性别',
    '同意登记时间',
    '同意凭证',
  ]).commit();
  for (let i = 0; i < ROWS; i++) {
    const p = person(i, communities);
    ws.addRow([
      p.name,
      '居民身份证',
      p.docNumber,
      p.phone,
      p.regionCode,
      '',
      '',
      CONSENT,
      p.evidence,
    ]).commit();
  }
  await ws.commit();
  await wb.commit();
}

export const importBench: Scenario = {
  name: 'import-100k',
  description: `upload a ${ROWS.toLocaleString('en')}-row volunteer xlsx, validated then committed in one transaction`,
  run: (o) =>
    withBenchDatabase(o.adminUrl, async ({ url, handle }) => {
      const db = handle.db;
      const appKey = randomBytes(32);
      const communities = (
        await db
          .selectFrom('regions')
          .select('code')
          .where('level', '=', 5)
          .where('code', 'like', '44%')
          .execute()
      ).map((r) => r.code);
      const org = await db
        .insertInto('organizations')
        .values({ name: '导入基准测试志愿服务队', region_code: '440305000000' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const staff = await createStaff(db, appKey, 'bench.import', 'org_admin', { orgId: org.id });
      const path = join(tmpdir(), `yiqi-import-${randomBytes(4).toString('hex')}.xlsx`);
      try {
        let t = performance.now();
        await writeFile(path, communities);
        const file = await readFile(path);
        console.log(
          `   wrote ${ROWS} rows (${(file.length / 1e6).toFixed(1)} MB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
        );

        const api = await startApi(url, { env: { YIQI_APP_KEY: appKey.toString('base64') } });
        let apiSeconds: number, validateSeconds: number, memory: { before: number; peak: number };
        try {
          const cookie = await staffSession(api.origin, staff);
          const before = await processMemory(api.pid);
          ({ seconds: apiSeconds, validateSeconds } = await runImport(
            api.origin,
            cookie,
            `/api/imports/volunteers?orgId=${org.id}`,
            file,
            ROWS,
          ));
          memory = { before: before.rssMb, peak: (await processMemory(api.pid)).peakMb };
        } finally {
          await api.stop();
        }

        // The same rows, prepared (checked, encrypted, numbered) before the clock starts.
        const ctx = {
          config: loadConfig({ YIQI_APP_KEY: appKey.toString('base64') }),
          clock: () => new Date(),
        };
        const used = new Set<string>();
        const consentAt = new Date('2026-01-15T02:00:00Z');
        const rows = Array.from({ length: ROWS }, (_, i) => {
          const p = person(i, communities);
          let no = newVolunteerNumber(p.regionCode);
          while (used.has(no)) no = newVolunteerNumber(p.regionCode);
          used.add(no);
          const id = checkIdentity(ctx, 'mainland_id', p.docNumber, undefined, undefined);
          return {
            ...personColumns(ctx, id, { ...p, privacyNoticeVersion: null }),
            volunteer_no: no,
            registered_by_org: org.id,
            registration_consent_at: consentAt,
            registration_consent_evidence: p.evidence,
            sensitive_consent_at: consentAt,
          };
        });
        // An empty copy of the table with the same indexes and constraints, found first on the search path,
        // so the repository's own statements write there.
        await handle.execInTransaction(
          'CREATE SCHEMA raw; CREATE TABLE raw.volunteers (LIKE public.volunteers INCLUDING ALL);',
        );
        const rawUrl = new URL(url);
        rawUrl.searchParams.set('options', '-c search_path=raw,public');
        const raw = await openPostgres(rawUrl.href, { max: 1 });
        let rawSeconds: number;
        try {
          t = performance.now();
          await raw.db.transaction().execute(async (trx) => {
            for (let i = 0; i < ROWS; i += BATCH) {
              const batch = rows.slice(i, i + BATCH);
              await takenVolunteerNumbers(
                trx,
                batch.map((r) => r.volunteer_no),
              );
              await insertVolunteersSkippingRegistered(trx, batch);
            }
          });
          rawSeconds = (performance.now() - t) / 1000;
        } finally {
          await raw.close();
        }
        const result: JobResult = {
          scenario: 'import-100k',
          phase: 'volunteers',
          rows: ROWS,
          apiSeconds,
          rawSeconds,
          ratio: apiSeconds / rawSeconds,
          peakRssMb: memory.peak,
          rssBeforeMb: memory.before,
          extra: { validateSeconds, commitSeconds: apiSeconds - validateSeconds, fileMb: file.length / 1e6 },
          note:
            `validation ${validateSeconds.toFixed(1)} s (read the file, check every row, ${Math.ceil(ROWS / BATCH)} lookups), ` +
            `commit ${(apiSeconds - validateSeconds).toFixed(1)} s (read again, encrypt, number, insert); ` +
            `raw = the commit's SQL alone on prepared rows (number checks + INSERTs of ${BATCH} rows, one transaction)`,
        };
        return [result];
      } finally {
        await rm(path, { force: true });
      }
    }),
};
