import type { Ctx } from './ctx.ts';

/**
 * Runs `fn` in one database transaction with a context whose `db` is that transaction, so everything the
 * function writes (its rows and their audit row) commits or rolls back together. Inside a transaction
 * already (a nested call), it joins it.
 */
export function withTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return fn(ctx);
  return ctx.db.transaction().execute((trx) => fn({ ...ctx, db: trx, readDb: trx }));
}
