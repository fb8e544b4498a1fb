import { ERRORS, type ErrorCode } from '@yiqi/shared/errors';
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
 * no key is refused (400). A request refused with a 4xx (not enough points, not allowed…) rolled back,
 * and its refusal is then kept under the key: a replay answers the same refusal even if it would now
 * succeed (a client retrying a timeout must not turn a refused transfer into a made one). An unexpected
 * failure (5xx) keeps nothing, so the same key may be sent again. A duplicate sent while the first is
 * still running waits for it on the key's row and then answers its response.
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
  let replayed = false;
  try {
    return await withTransaction(ctx, async (tx) => {
      const first = await repo.claimKey(tx.db, userId, key, hash);
      if (first) {
        replayed = true;
        if (first.request_hash !== hash) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
        const refused = first.error as { code: ErrorCode; details?: unknown } | null;
        if (refused) throw new DomainError(refused.code, refused.details);
        return first.response as T;
      }
      const response = await run(tx);
      await repo.saveResponse(tx.db, userId, key, response);
      return response;
    });
  } catch (e) {
    // Only a refusal of this request's own (a 4xx its transaction rolled back) is kept.
    if (e instanceof DomainError && !replayed && !ctx.db.isTransaction && ERRORS[e.code].status < 500)
      await repo.saveRefusal(ctx.db, userId, key, hash, { code: e.code, details: e.details });
    throw e;
  }
}
