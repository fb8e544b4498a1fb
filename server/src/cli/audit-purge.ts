import { loadConfig } from '../lib/config.ts';
import { openConfigured } from '../db/setup.ts';
import { openPostgres } from '../db/database.ts';
import { purgeAuditBefore } from '../modules/audit/audit.repository.ts';
import { AUDIT_RETENTION_FLOOR_DAYS } from '../lib/config.ts';

/** `npm run audit:purge`: drops audit rows older than AUDIT_RETENTION_DAYS (never under 180), as the owner. */
const config = loadConfig();
// Only the owner may delete audit rows (DATABASE_OWNER_URL, else DATABASE_URL).
const handle = config.databaseOwnerUrl
  ? await openPostgres(config.databaseOwnerUrl)
  : await openConfigured(config);
const days = Math.max(config.auditRetentionDays, AUDIT_RETENTION_FLOOR_DAYS);
const purged = await purgeAuditBefore(handle.db, new Date(Date.now() - days * 86_400_000));
await handle.close();
console.log(
  `purged ${purged} audit rows older than ${days} days; the chain is re-anchored at the oldest kept row`,
);
