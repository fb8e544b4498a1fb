import { z } from 'zod';

export const OrganizationView = z.object({
  id: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
});
export const OrganizationParams = z.strictObject({ id: z.uuid() });
