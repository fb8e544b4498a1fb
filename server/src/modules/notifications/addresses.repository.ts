import type { Database } from '../../db/database.ts';

export type AddressChannel = 'email' | 'wechat';

/** The account's e-mail address and WeChat identity, sealed. */
export async function addressesOf(db: Database, userId: string) {
  return db
    .selectFrom('notification_addresses')
    .select(['channel', 'address_enc', 'address_bidx', 'verified_at'])
    .where('user_id', '=', userId)
    .execute();
}

/** The account a WeChat identity is bound to, if any. */
export async function wechatHolder(db: Database, bidx: Buffer): Promise<string | undefined> {
  const row = await db
    .selectFrom('notification_addresses')
    .select('user_id')
    .where('channel', '=', 'wechat')
    .where('address_bidx', '=', bidx)
    .executeTakeFirst();
  return row?.user_id;
}

/** Binds an address, replacing the account's earlier one of the channel (a change is a new proof). */
export async function upsertAddress(
  db: Database,
  a: { userId: string; channel: AddressChannel; enc: string; bidx: Buffer; at: Date },
) {
  await db
    .insertInto('notification_addresses')
    .values({
      user_id: a.userId,
      channel: a.channel,
      address_enc: a.enc,
      address_bidx: a.bidx,
      verified_at: a.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'channel'])
        .doUpdateSet({ address_enc: a.enc, address_bidx: a.bidx, verified_at: a.at }),
    )
    .execute();
}

/** Unbinds: the row goes (nothing is kept that no longer serves). Returns whether there was one. */
export async function deleteAddress(db: Database, userId: string, channel: AddressChannel) {
  const r = await db
    .deleteFrom('notification_addresses')
    .where('user_id', '=', userId)
    .where('channel', '=', channel)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Every address of an account goes (account closure). */
export async function deleteAllAddresses(db: Database, userId: string): Promise<number> {
  const r = await db.deleteFrom('notification_addresses').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}
