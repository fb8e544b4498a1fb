// Uploading a workbook to an import endpoint and following its job until it ends, timed: shared by the
// import scenarios (volunteers, hours).
import { setTimeout as delay } from 'node:timers/promises';
import { XLSX_MIME } from '@yiqi/shared/contracts/imports';

export interface TimedImport {
  jobId: string;
  /** Upload to done, and upload to the end of validation, in seconds. */
  seconds: number;
  validateSeconds: number;
}

/** POSTs the file to `path` (query included) and polls the job every 200 ms; fails unless `rows` are created. */
export async function runImport(
  origin: string,
  cookie: string,
  path: string,
  file: Buffer<ArrayBuffer>,
  rows: number,
): Promise<TimedImport> {
  const t = performance.now();
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': XLSX_MIME },
    body: file,
  });
  if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
  const { jobId } = (await res.json()) as { jobId: string };
  let job: { status: string; created: number };
  let validateSeconds = NaN;
  for (;;) {
    await delay(200);
    job = await (await fetch(`${origin}/api/imports/${jobId}`, { headers: { cookie } })).json();
    if (job.status !== 'validating' && Number.isNaN(validateSeconds))
      validateSeconds = (performance.now() - t) / 1000;
    if (!['validating', 'committing'].includes(job.status)) break;
  }
  const seconds = (performance.now() - t) / 1000;
  if (job.status !== 'done' || job.created !== rows)
    throw new Error(`import ended ${job.status}: ${JSON.stringify(job).slice(0, 500)}`);
  return { jobId, seconds, validateSeconds };
}
