import type { Ctx } from '../../core/ctx.ts';
import * as repo from './auth.repository.ts';

/**
 * Account lookups that other modules need (roles grants a role to a username, volunteers check that a
 * phone or username is free and find a claimed account), so they call this service rather than
 * auth.repository. Kept apart from auth.service, which itself calls roles.service.
 */
export function findUserByUsername(ctx: Pick<Ctx, 'db'>, username: string) {
  return repo.findUserByUsername(ctx.db, username);
}

export function findUserById(ctx: Pick<Ctx, 'db'>, id: string) {
  return repo.findUserById(ctx.db, id);
}

export function findUserByPhoneIndex(ctx: Pick<Ctx, 'db'>, phoneBidx: Buffer) {
  return repo.findUserByPhoneIndex(ctx.db, phoneBidx);
}
