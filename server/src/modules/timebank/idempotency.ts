import type { Ctx } from '../../core/ctx.ts';
import { actorOf } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { withTransaction } from '../../core/tx.ts';
import { sha256 } from '../../lib/crypto.ts';
import * as repo from './idempotency.repository.ts';

/**
 * Every request that moves points carries an `Idempotency-Key` (per account): the first request with a
 * key runs, in one transaction with the key's row and its response; a replay (same key, same request)
 * answers that first response without running again; the same key with another request is refused (422);
 * no key is refused (400). A request that failed left no row (its transaction rolled back), so it may be
 * sent again with the same key. A duplicate sent while the first is still running waits for it on the
 * key's row and then answers its response.
 */
export async function idempotent<T>(
  ctx: Ctx,
  key: string | undefined,
  request: { route: string; body: unknown },
  run: (tx: Ctx) => Promise<T>,
): Promise<T> {
  if (!key || key.length > 200 || !/^[\x21-\x7e]+$/.test(key))
    throw new DomainError('IDEMPOTENCY_KEY_REQUIRED');
  const userId = actorOf(ctx).userId;
  const hash = sha256(`${request.route}\n${JSON.stringify(request.body)}`).toString('hex');
  return withTransaction(ctx, async (tx) => {
    const first = await repo.claimKey(tx.db, userId, key, hash);
    if (first) {
      if (first.request_hash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
      return first.response as T;
    }
    const response = await run(tx);
    await repo.saveResponse(tx.db, userId, key, response);
    return response;
  });
}
