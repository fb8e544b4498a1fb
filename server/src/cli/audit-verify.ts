import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../lib/config.ts';
import { openConfigured } from '../db/setup.ts';
import { verifyAuditChain } from '../modules/audit/audit.repository.ts';
import { compareWitness, witnessHead } from '../modules/audit/audit.witness.ts';

/**
 * `npm run audit:verify [-- --witness [FILE]]`: chains the committed rows (the sequencer), then recomputes
 * the audit hash chain; with --witness also checks every signed head in FILE (default AUDIT_WITNESS_FILE)
 * is still in the chain with the same hash and the chain is not shorter than the last one. Exit 1 on any mismatch; when all is intact the current head is
 * witnessed in AUDIT_WITNESS_FILE (never after a failure, which would bless the tampered head).
 */
const config = loadConfig();
const args = process.argv.slice(2);
const at = args.indexOf('--witness');
const next = at < 0 ? undefined : args[at + 1];
const witnessFile = at < 0 ? null : next && !next.startsWith('--') ? resolve(next) : config.auditWitnessFile;

const handle = await openConfigured(config);
let ok = true;
try {
  const r = await verifyAuditChain(handle.db);
  const pending = r.pending ? `; ${r.pending} rows of transactions still open not chained yet` : '';
  if (r.firstBrokenId === null && r.firstBrokenSeq === null)
    console.log(`audit chain intact: ${r.checked} rows checked${pending}`);
  else {
    ok = false;
    const at = r.firstBrokenSeq === null ? 'unchained' : `chain position ${r.firstBrokenSeq}`;
    console.error(`audit chain BROKEN at row ${r.firstBrokenId ?? '?'} (${at}; ${r.checked} rows checked)`);
  }
  if (witnessFile) {
    if (!existsSync(witnessFile)) {
      ok = false;
      console.error(`witness file ${witnessFile} not found`);
    } else {
      const w = await compareWitness(handle.db, config.appKey, witnessFile);
      if (w.problem) {
        ok = false;
        const p = w.problem;
        console.error(
          `audit chain DIFFERS from witness ${witnessFile} line ${p.line} (row ${p.id ?? '?'}): ${p.reason}`,
        );
      } else
        console.log(`witness agrees: ${w.checked} heads checked, last witnessed row ${w.lastWitnessedId}`);
    }
  }
  if (ok) {
    const e = await witnessHead(handle.db, config.appKey, config.auditWitnessFile);
    if (e) console.log(`witnessed head row ${e.id} in ${config.auditWitnessFile}: ${JSON.stringify(e)}`);
  }
} finally {
  await handle.close();
}
if (!ok) process.exit(1);
