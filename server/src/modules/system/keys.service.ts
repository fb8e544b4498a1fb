import type { Database } from '../../db/database.ts';
import { keyId, reseal } from '../../lib/crypto.ts';
import { SEALED_COLUMNS, countNotUnder, sealedNotUnder, writeResealed } from './keys.repository.ts';

export interface RotationResult {
  /** Rows re-sealed, by "table.column". */
  resealed: Record<string, number>;
  /** Ciphertexts still under another key afterwards (0 once a run without `maxRows` has finished). */
  remaining: number;
}

/**
 * Re-seals every ciphertext not under the current application key, in batches of `batchSize` rows, each
 * batch its own short transaction, while the app keeps serving (it opens both keys: lib/crypto.ts). Safe
 * to stop and run again: it only looks for what is not yet under the current key. `maxRows` stops early
 * (tests use it to look at a database half-way through).
 */
export async function rotateKeys(
  db: Database,
  appKey: Buffer,
  opts: { batchSize?: number; maxRows?: number; onBatch?: (column: string, n: number) => void } = {},
): Promise<RotationResult> {
  const batchSize = opts.batchSize ?? 500;
  let budget = opts.maxRows ?? Infinity;
  const prefix = `v2:${keyId(appKey)}:`;
  const resealed: Record<string, number> = {};
  for (const [table, columns] of Object.entries(SEALED_COLUMNS))
    for (const column of columns) {
      const name = `${table}.${column}`;
      resealed[name] = 0;
      // Rows the batch could not rewrite (changed meanwhile) are skipped by the id cursor, not retried forever.
      for (;;) {
        if (budget <= 0) break;
        const batch = await sealedNotUnder(db, table, column, prefix, Math.min(batchSize, budget));
        if (batch.length === 0) break;
        const rows = batch.map((r) => ({ id: r.id, old: r.value, next: reseal(appKey, r.value)! }));
        const n = await writeResealed(db, table, column, rows);
        resealed[name] += n;
        budget -= batch.length;
        opts.onBatch?.(name, n);
        if (n === 0) break;
      }
    }
  let remaining = 0;
  for (const [table, columns] of Object.entries(SEALED_COLUMNS))
    for (const column of columns) remaining += await countNotUnder(db, table, column, prefix);
  return { resealed, remaining };
}
