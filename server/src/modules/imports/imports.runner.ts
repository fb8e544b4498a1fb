import { setTimeout as delay, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isDatabaseUnavailable } from '../../db/database.ts';
import type { Ctx } from '../../core/ctx.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { COLUMNS } from './imports.columns.ts';
import { memberImport } from './imports.members.ts';
import { FileProblem, readDataRows } from './imports.reader.ts';
import { recordImport } from './imports.records.ts';
import * as repo from './imports.repository.ts';
import { BATCH, ErrorList, type ImportSpec, type JobInfo } from './imports.kinds.ts';
import { volunteerImport } from './imports.volunteers.ts';
import { withTransaction } from '../../core/tx.ts';

/**
 * Import jobs run in the API process, after the upload's response: validate every row, then (only if no
 * row has a problem) write everything in one transaction. Jobs still running when the process stops are
 * aborted (their transaction rolls back) and marked failed; a crash leaves them to failInterrupted() at
 * the next start.
 */

/** Tries to mark a job failed while the database is away: with the backoff, about ten minutes. */
const MARK_FAILED_ATTEMPTS = 25;

/** The job was failed from outside (shutdown, or a restart's clean-up): stop without writing. */
export class Interrupted extends Error {}

function specOf(ctx: Ctx, job: JobInfo, errors: ErrorList): ImportSpec {
  if (job.kind === 'volunteers') return volunteerImport(ctx, job, errors);
  if (job.kind === 'members') return memberImport(ctx, job, errors);
  return recordImport(ctx, { ...job, reason: job.reason ?? '' }, errors);
}

/** Validates a file and commits it; never throws (the outcome is the job's status). */
export async function runJob(
  ctx: Ctx,
  job: JobInfo & { regionCode: string; sha256: string },
  file: Buffer,
  signal: AbortSignal,
): Promise<void> {
  const errors = new ErrorList(job.locale, COLUMNS[job.kind]);
  const spec = specOf(ctx, job, errors);
  const checkpoint = () => {
    if (signal.aborted) throw new Interrupted();
  };
  const audit = (c: Ctx, result: 'ok' | 'failed', details: Record<string, unknown>) =>
    recordAudit(c, {
      action: 'import.commit',
      result,
      objectType: 'import_job',
      objectId: job.id,
      regionCode: job.regionCode,
      details: { kind: job.kind, orgId: job.orgId, sha256: job.sha256, ...details },
    });
  let rows = 0;
  let headerRow: number | null = null;
  try {
    await spec.init();
    try {
      const read = readDataRows(file, {
        columns: spec.columns,
        missing: (present) => spec.missing(present),
        onHeader: (n) => (headerRow = n),
      });
      for await (const row of read) {
        spec.check(row);
        if (++rows % BATCH === 0) {
          checkpoint();
          await spec.flush();
          if (!(await repo.setProgress(ctx.db, job.id, rows, headerRow))) throw new Interrupted();
          // Parsing is CPU work: let requests in between batches.
          await yieldToEventLoop();
        }
      }
      await spec.flush();
    } catch (e) {
      if (!(e instanceof FileProblem)) throw e;
      errors.add(e.row, e.column, e.code);
    }
    if (errors.count > 0) {
      await withTransaction(ctx, async (tx) => {
        await repo.finishInvalid(tx.db, job.id, {
          totalRows: rows,
          processed: rows,
          headerRow,
          errors: errors.list,
          errorCount: errors.count,
          at: ctx.clock(),
        });
        await audit(tx, 'failed', { reason: 'invalid', rows, errors: errors.count });
      });
      return;
    }
    if (!(await repo.startCommit(ctx.db, job.id, rows, headerRow))) throw new Interrupted();
    await withTransaction(ctx, async (tx) => {
      const t = tx;
      const { created, skipped } = await spec.commit(t, file, checkpoint);
      checkpoint();
      if (!(await repo.finishDone(tx.db, job.id, { created, skipped, at: ctx.clock() })))
        throw new Interrupted();
      await audit(t, 'ok', { rows, created, skipped });
    });
  } catch (e) {
    // A database that went away (restart, failover) rolled the commit back, as a stop of this process does.
    const interrupted = e instanceof Interrupted || isDatabaseUnavailable(e);
    if (!interrupted) ctx.log.error({ err: e, jobId: job.id }, 'import failed');
    const code = interrupted ? 'IMPORT_INTERRUPTED' : 'INTERNAL';
    // Marking the job failed needs the database too: while it is away, keep trying (this process lives
    // on and failInterrupted() runs only at a start), or the job stays "committing" and refuses the
    // organization's next import (IMPORT_BUSY) until the API restarts. Found by the kill-db drill.
    for (let attempt = 1; ; attempt++) {
      try {
        await withTransaction(ctx, async (tx) => {
          const failed = new ErrorList(job.locale, []);
          failed.add(0, null, code);
          await repo.finishFailed(tx.db, job.id, failed.list, ctx.clock());
          await audit(tx, 'failed', { reason: interrupted ? 'interrupted' : 'error', rows });
        });
        return;
      } catch (e2) {
        if (!isDatabaseUnavailable(e2) || attempt >= MARK_FAILED_ATTEMPTS || signal.aborted) {
          ctx.log.error({ err: e2, jobId: job.id }, 'could not mark the import failed');
          return;
        }
        // A shutdown (signal) stops the wait at once: failInterrupted() at the next start takes over.
        await delay(Math.min(30_000, 250 * 2 ** attempt), undefined, { signal }).catch(() => {});
      }
    }
  }
}

/**
 * At start: jobs a stopped process left validating or committing wrote nothing (their transaction never
 * committed), so they are marked failed and audited. Assumes one API process per database.
 */
export async function failInterrupted(ctx: Ctx): Promise<number> {
  return withTransaction(ctx, async (tx) => {
    const jobs = await repo.findRunning(tx.db);
    for (const j of jobs) {
      const errors = new ErrorList(j.locale as Ctx['locale'], []);
      errors.add(0, null, 'IMPORT_INTERRUPTED');
      await repo.finishFailed(tx.db, j.id, errors.list, ctx.clock());
      await recordAudit(tx, {
        action: 'import.commit',
        result: 'failed',
        objectType: 'import_job',
        objectId: j.id,
        details: { kind: j.kind, orgId: j.org_id, reason: 'interrupted' },
      });
    }
    return jobs.length;
  });
}
