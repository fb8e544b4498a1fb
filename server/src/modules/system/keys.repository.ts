import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';

/**
 * Every column that holds AES-GCM ciphertext (lib/crypto.ts), by table; each table is keyed by `id`.
 * docs/data-inventory.md marks them; server/src/db/personal-data.test.ts fails when a new `*_enc` column
 * is missing here, so a rotation never leaves one behind.
 */
export const SEALED_COLUMNS: Record<string, readonly string[]> = {
  users: ['totp_secret_enc'],
  volunteers: ['doc_number_enc', 'phone_enc', 'guardian_phone_enc', 'emergency_contact_enc'],
  verification_documents: ['content_enc'],
  organizations: ['contact_phone_enc'],
  activities: ['contact_phone_enc'],
  record_evidence: ['content_enc'],
  certificates: ['issuer_phone_enc'],
  dispatch_orders: ['proxy_name_enc', 'address_enc', 'phone_enc'],
  notification_addresses: ['address_enc'],
};

/**
 * Triggers that refuse any change to issued or revoked certificates: a re-seal changes the ciphertext but
 * not what was issued, so they are switched off for the re-seal's own transaction only (DDL is
 * transactional: no other session ever sees them off). Only the schema owner may do this.
 */
const FROZEN_TRIGGERS: Record<string, string[]> = {
  certificates: ['certificates_guard', 'certificates_contact_guard'],
};

export interface SealedValue {
  id: string;
  value: string;
}

/** Up to `limit` values of one column not sealed under the key whose ciphertexts start with `prefix`. */
export async function sealedNotUnder(
  db: Database,
  table: string,
  column: string,
  prefix: string,
  limit: number,
): Promise<SealedValue[]> {
  const r = await sql<SealedValue>`
    SELECT id::text AS id, ${sql.ref(column)} AS value FROM ${sql.table(table)}
    WHERE ${sql.ref(column)} IS NOT NULL AND left(${sql.ref(column)}, ${prefix.length}) <> ${prefix}
    ORDER BY id LIMIT ${limit}`.execute(db);
  return r.rows;
}

/**
 * Writes re-sealed values in one transaction; a row whose value changed meanwhile (the app wrote a new one,
 * already under the current key) is left alone. Returns how many rows were rewritten.
 */
export async function writeResealed(
  db: Database,
  table: string,
  column: string,
  rows: { id: string; old: string; next: string }[],
): Promise<number> {
  const triggers = FROZEN_TRIGGERS[table] ?? [];
  return db.transaction().execute(async (trx) => {
    for (const t of triggers)
      await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER ${sql.id(t)}`.execute(trx);
    let n = 0;
    for (const r of rows) {
      const u = await sql`
        UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${r.next}
        WHERE id = ${r.id}::uuid AND ${sql.ref(column)} = ${r.old}`.execute(trx);
      n += Number(u.numAffectedRows ?? 0);
    }
    for (const t of triggers)
      await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER ${sql.id(t)}`.execute(trx);
    return n;
  });
}

/** How many ciphertexts of one column are not sealed under the key with this prefix. */
export async function countNotUnder(
  db: Database,
  table: string,
  column: string,
  prefix: string,
): Promise<number> {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM ${sql.table(table)}
    WHERE ${sql.ref(column)} IS NOT NULL AND left(${sql.ref(column)}, ${prefix.length}) <> ${prefix}`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0);
}
