import type { ColumnType, Generated } from 'kysely';

/** Table types of migration 202612061811_perks_partners (partners, perks, redemptions); see schema.ts. */
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Written and read as YYYY-MM-DD (select it with to_char). */
type DateText = ColumnType<string, string, string>;

export type PartnerKind = 'scenic_spot' | 'merchant' | 'public_service';
export type LimitPeriod = 'day' | 'month' | 'year' | 'total';

export interface PartnersTable {
  id: Generated<string>;
  name: string;
  kind: PartnerKind;
  region_code: string;
  address: string | null;
  status: Generated<'active' | 'suspended'>;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface PartnerStaffTable {
  partner_id: string;
  user_id: string;
  added_by: string;
  added_at: GeneratedTimestamp;
}

export interface PerksTable {
  id: Generated<string>;
  partner_id: string;
  title: string;
  description: string | null;
  min_star: number;
  min_hours: number;
  discounts: number[];
  valid_from: DateText;
  valid_until: DateText;
  quota_total: number | null;
  quota_used: Generated<number>;
  per_person_limit: number;
  limit_period: LimitPeriod;
  status: Generated<'active' | 'ended'>;
  created_by: string;
  created_at: GeneratedTimestamp;
}

export interface PerkUsageTable {
  perk_id: string;
  volunteer_id: string;
  period_key: string;
  used: number;
  max_uses: number;
}

export interface PerkRedemptionsTable {
  id: Generated<string>;
  perk_id: string;
  volunteer_id: string;
  code_nonce: string;
  star_level: number;
  discount: number;
  period_key: string;
  redeemed_by: string;
  redeemed_at: GeneratedTimestamp;
}

export interface PerkTables {
  partners: PartnersTable;
  partner_staff: PartnerStaffTable;
  perks: PerksTable;
  perk_usage: PerkUsageTable;
  perk_redemptions: PerkRedemptionsTable;
}
