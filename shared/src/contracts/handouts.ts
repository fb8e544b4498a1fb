import { z } from 'zod';

/**
 * What an activity hands out on paper and in chats: the roster (Excel), the paper sign-in sheet (PDF), the
 * share card (poster with a QR code), and the map settings of the editor's place picker.
 */

/** Phones in the roster: masked for everyone; in full only for the region admins over the activity (audited). */
export const RosterQuery = z.strictObject({
  phones: z.enum(['masked', 'full']).default('masked'),
});

/** The place picker's tiles (server config MAP_TILE_URL / MAP_TILE_SYSTEM); url empty: typed coordinates only. */
export const MapSettings = z.object({
  tileUrl: z.string(),
  tileSystem: z.enum(['gcj02', 'wgs84']),
  attribution: z.string(),
});
export type MapSettings = z.infer<typeof MapSettings>;
