import { loadConfig } from '../lib/config.ts';
import { openConfigured } from '../db/setup.ts';
import { verifyAuditChain } from '../modules/audit/audit.repository.ts';

/** `npm run audit:verify`: recomputes the audit hash chain; exit 1 and the first broken row if tampered. */
const handle = await openConfigured(loadConfig());
const r = await verifyAuditChain(handle.db);
await handle.close();
if (r.firstBrokenId === null) {
  console.log(`audit chain intact: ${r.checked} rows checked`);
} else {
  console.error(`audit chain BROKEN at row ${r.firstBrokenId} (${r.checked} rows checked)`);
  process.exit(1);
}
