import type { z } from 'zod';
import type {
  CardCheck as CardCheckSchema,
  CodeCheck as CodeCheckSchema,
  DeskList,
  MyPerkList as MyPerkListSchema,
  Partner as PartnerSchema,
  Perk as PerkSchema,
  PerkBody,
  Redemption as RedemptionSchema,
  VolunteerCard as VolunteerCardSchema,
} from '@yiqi/shared/contracts/perks';
import { api } from '../../lib/api.ts';

export type MyPerkList = z.infer<typeof MyPerkListSchema>;
export type MyPerk = MyPerkList['items'][number];
export type Partner = z.infer<typeof PartnerSchema>;
export type Perk = z.infer<typeof PerkSchema>;
export type CodeCheck = z.infer<typeof CodeCheckSchema>;
export type Redemption = z.infer<typeof RedemptionSchema>;
export type VolunteerCard = z.infer<typeof VolunteerCardSchema>;
export type CardCheck = z.infer<typeof CardCheckSchema>;
export type Desk = z.infer<typeof DeskList>['items'][number];

export const keys = {
  mine: ['perks-mine'] as const,
  card: ['my-card'] as const,
  desks: ['partner-desks'] as const,
  partners: ['partners'] as const,
  perks: (id: string) => ['partner-perks', id] as const,
  cardCheck: (code: string) => ['card-check', code] as const,
};

export const myPerks = (signal?: AbortSignal) => api<MyPerkList>('/api/me/perks', { signal });
export const perkCode = (id: string) =>
  api<{ code: string; expiresAt: string }>(`/api/me/perks/${id}/code`, { method: 'POST' });
export const myCard = (signal?: AbortSignal) => api<VolunteerCard>('/api/me/card', { signal });
export const checkCard = (code: string, signal?: AbortSignal) =>
  api<CardCheck>('/api/cards/verify', { query: { code }, signal });

export const desks = (signal?: AbortSignal) => api<{ items: Desk[] }>('/api/partner-desk', { signal });
export const verifyCode = (partnerId: string, code: string) =>
  api<CodeCheck>(`/api/partner-desk/${partnerId}/verify`, { method: 'POST', body: { code } });
export const redeemCode = (partnerId: string, code: string) =>
  api<Redemption>(`/api/partner-desk/${partnerId}/redeem`, { method: 'POST', body: { code } });

export const partners = (signal?: AbortSignal) => api<{ items: Partner[] }>('/api/partners', { signal });
export const createPartner = (body: { region: string; name: string; kind: string; address?: string }) =>
  api<{ id: string }>('/api/partners', { method: 'POST', body });
export const addStaff = (id: string, username: string) =>
  api<{ ok: true }>(`/api/partners/${id}/staff`, { method: 'POST', body: { username } });
export const partnerPerks = (id: string, signal?: AbortSignal) =>
  api<{ items: Perk[] }>(`/api/partners/${id}/perks`, { signal });
export const createPerk = (id: string, body: z.input<typeof PerkBody>) =>
  api<{ id: string }>(`/api/partners/${id}/perks`, { method: 'POST', body });
