import { z } from 'zod';
import type { Text } from '../i18n.ts';
import { SERVICE_CATEGORIES } from '../categories.ts';
import { normalizePhone, normalizeUscc } from '../identity/normalize.ts';
import { multilineText, pageOf, RegionCode, text } from './common.ts';

export const ORG_TYPES = [
  'social_group',
  'social_service_institution',
  'foundation',
  'other',
  'unregistered_team',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

/** Types registered with civil affairs, which always carry a unified social credit code. */
export const REGISTERED_ORG_TYPES: readonly OrgType[] = [
  'social_group',
  'social_service_institution',
  'foundation',
];

/** `dissolved` (注销) is final: set by a region admin, never undone; a successor may take over. */
export const ORG_STATUSES = ['pending', 'approved', 'rejected', 'dissolved'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];

export const ORG_TYPE_NAMES: Record<OrgType, Text> = {
  social_group: { 'zh-CN': '社会团体', 'zh-HK': '社會團體', en: 'Social group' },
  social_service_institution: {
    'zh-CN': '社会服务机构',
    'zh-HK': '社會服務機構',
    en: 'Social service institution',
  },
  foundation: { 'zh-CN': '基金会', 'zh-HK': '基金會', en: 'Foundation' },
  other: { 'zh-CN': '其他组织', 'zh-HK': '其他組織', en: 'Other organization' },
  unregistered_team: { 'zh-CN': '未登记团队', 'zh-HK': '未登記團隊', en: 'Unregistered team' },
};

export const ORG_STATUS_NAMES: Record<OrgStatus, Text> = {
  pending: { 'zh-CN': '待审核', 'zh-HK': '待審核', en: 'Pending review' },
  approved: { 'zh-CN': '已通过', 'zh-HK': '已通過', en: 'Approved' },
  rejected: { 'zh-CN': '已驳回', 'zh-HK': '已駁回', en: 'Rejected' },
  dissolved: { 'zh-CN': '已注销', 'zh-HK': '已註銷', en: 'Dissolved' },
};

export const OrganizationParams = z.strictObject({ id: z.uuid() });

/** A unit's contact phone: a landline with area code or a mobile, digits with optional + and separators. */
const Phone = text(1, 32)
  // A mobile however typed (+86, spaces, full width) is stored as its 11 digits; a landline keeps the
  // grouping people read it by (0755-2688 1234), only full-width characters become ASCII.
  .overwrite((raw) => {
    const mobile = normalizePhone(raw);
    return /^1[3-9]\d{9}$/.test(mobile) ? mobile : raw.normalize('NFKC');
  })
  .regex(/^\+?[0-9][0-9 -]{6,19}$/, 'phone number');

export const RegisterOrganizationBody = z.strictObject({
  name: text(2, 100),
  orgType: z.enum(ORG_TYPES),
  /** Checked by the service (GB 32100 checksum, required or forbidden by type) to give precise errors. */
  uscc: text(0, 32).overwrite(normalizeUscc).optional(),
  /** The unit an unregistered team hangs under (挂靠单位). */
  hostUnit: text(2, 100).optional(),
  /** The host unit's USCC (an unregistered team only): the national export names the team by it. */
  hostUnitUscc: text(0, 32).overwrite(normalizeUscc).optional(),
  regionCode: RegionCode,
  address: text(2, 200),
  contactName: text(1, 50),
  contactPhone: Phone,
  personInCharge: text(1, 50),
  categories: z.array(z.enum(SERVICE_CATEGORIES)).min(1).max(10),
  /** Federations, youth associations, civilization-practice centres: bodies of an administrative level. */
  levelBody: z.boolean().default(false),
  /** Registers a sub-team (分队) of an organization the caller administers. */
  parentId: z.uuid().optional(),
});
export type RegisterOrganizationBody = z.input<typeof RegisterOrganizationBody>;

export const RegisteredView = z.object({ id: z.uuid(), status: z.enum(ORG_STATUSES) });

export const OrganizationView = z.object({
  id: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  orgType: z.enum(ORG_TYPES),
  uscc: z.string().nullable(),
  hostUnit: z.string().nullable(),
  hostUnitUscc: z.string().nullable(),
  address: z.string().nullable(),
  contactName: z.string().nullable(),
  /** Masked (138****5678): the full number is personal data of the contact person. */
  contactPhone: z.string().nullable(),
  personInCharge: z.string().nullable(),
  /** 经办人: who handles the unit's affairs on its behalf (registration, national export). */
  handlerName: z.string().nullable(),
  categories: z.array(z.string()),
  levelBody: z.boolean(),
  status: z.enum(ORG_STATUSES),
  reviewReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
  createdAt: z.string(),
  dissolvedAt: z.string().nullable(),
  dissolveReason: z.string().nullable(),
  /** The successor (继任组织) named at dissolution, if any. */
  successorId: z.uuid().nullable(),
  successorName: z.string().nullable(),
});
export type OrganizationView = z.infer<typeof OrganizationView>;

/** What anyone signed in may see of an approved organization: enough to recognise a team before joining. */
export const OrganizationSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  regionName: z.string(),
  orgType: z.enum(ORG_TYPES),
  parentName: z.string().nullable(),
});

export const OrganizationRow = z.object({
  id: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  orgType: z.enum(ORG_TYPES),
  uscc: z.string().nullable(),
  hostUnit: z.string().nullable(),
  personInCharge: z.string().nullable(),
  categories: z.array(z.string()),
  levelBody: z.boolean(),
  status: z.enum(ORG_STATUSES),
  parentId: z.uuid().nullable(),
  activeMembers: z.number().int(),
  createdAt: z.string(),
  successorId: z.uuid().nullable(),
  successorName: z.string().nullable(),
});
export type OrganizationRow = z.infer<typeof OrganizationRow>;
export const OrganizationPage = pageOf(OrganizationRow);

/** A registration as its registrant follows it: the outcome and, for a rejection, the reason. */
export const MyRegistrationPage = pageOf(
  OrganizationRow.extend({ reviewReason: z.string().nullable(), reviewedAt: z.string().nullable() }),
);
export const MyRegistrationQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const listFilter = {
  /** A region within the caller's scope; without it, all of the caller's scopes. */
  region: RegionCode.optional(),
  /** Part of the name, or a whole USCC. */
  q: text(1, 60).optional(),
  status: z.enum(ORG_STATUSES).optional(),
  category: z.enum(SERVICE_CATEGORIES).optional(),
  orgType: z.enum(ORG_TYPES).optional(),
};
export const OrganizationListQuery = z.strictObject({
  ...listFilter,
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const OrganizationExportQuery = z.strictObject(listFilter);

export const ReviewQueueQuery = z.strictObject({
  region: RegionCode.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const ReviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  /** Required for a rejection (the applicant is told why). */
  reason: multilineText(0, 500).optional(),
});

export const TreeNode = z.object({
  id: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  orgType: z.enum(ORG_TYPES),
  levelBody: z.boolean(),
  status: z.enum(ORG_STATUSES),
  parentId: z.uuid().nullable(),
  /** 0 for the organization asked for, 1 for its sub-teams, and so on. */
  depth: z.number().int(),
});
/** The organization and its sub-teams, depth first (each node right after its parent). */
export const TreeView = z.object({ items: z.array(TreeNode) });

/**
 * The unit's handler (经办人) and contact (联系人, 联系电话), edited directly by its own admins and the
 * region admins above it (audited). Certificates print the person in charge and the contact phone.
 * Without `contactPhone` the number on record stays (responses only ever show it masked).
 */
export const UnitContactsBody = z.strictObject({
  /**
   * A registered fact: only filled in here where none is on record (units from before registration asked
   * for one); a different person in charge is a change registration (OrgChangeBody), reviewed.
   */
  personInCharge: text(1, 50).optional(),
  handlerName: text(1, 50),
  contactName: text(1, 50),
  contactPhone: Phone.optional(),
});
export type UnitContactsBody = z.input<typeof UnitContactsBody>;

export const DissolveBody = z.strictObject({
  /** Required (checked by the service, for a precise error): recorded in the audit log and shown. */
  reason: multilineText(0, 500).optional(),
  /**
   * The successor (继任组织) that takes over issuing certificates of the dissolved organization's records:
   * approved, not the organization itself nor one of its sub-teams, within the caller's scope. Without one
   * the parent organization issues them, or else the region administrators.
   */
  successorId: z.uuid().optional(),
});

export const DissolvedView = z.object({
  id: z.uuid(),
  status: z.literal('dissolved'),
  successorId: z.uuid().nullable(),
  /** Who issues certificates of its records from now on; null: the region administrators. */
  issuerOrgId: z.uuid().nullable(),
  issuerOrgName: z.string().nullable(),
  /** Certificates (open requests and earlier ones) now handled by that issuer. */
  movedCertificates: z.number().int(),
  movedRequests: z.number().int(),
});

/**
 * Change registration (变更登记): the registered facts a unit may ask to correct. Each goes through the
 * region admins' review like the registration itself; region, type and parent are fixed (they decide who
 * reviews and who sees the unit). The USCC only where the type has one; the host unit only for an
 * unregistered team (checked by the service). Contacts are not here: PUT …/contacts edits them directly.
 */
export const ORG_CHANGE_FIELDS = [
  'name',
  'personInCharge',
  'address',
  'hostUnit',
  'hostUnitUscc',
  'uscc',
] as const;
export type OrgChangeField = (typeof ORG_CHANGE_FIELDS)[number];

export const OrgChangeBody = z.strictObject({
  name: text(2, 100).optional(),
  personInCharge: text(1, 50).optional(),
  address: text(2, 200).optional(),
  hostUnit: text(2, 100).optional(),
  hostUnitUscc: text(0, 32).overwrite(normalizeUscc).optional(),
  uscc: text(0, 32).overwrite(normalizeUscc).optional(),
  /** Why, for the reviewer (e.g. 换届 or the new certificate's number). */
  note: multilineText(0, 500).optional(),
});
export type OrgChangeBody = z.input<typeof OrgChangeBody>;

export const ORG_CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type OrgChangeStatus = (typeof ORG_CHANGE_STATUSES)[number];

const OrgFacts = z.object({
  name: z.string().nullable().optional(),
  personInCharge: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  hostUnit: z.string().nullable().optional(),
  hostUnitUscc: z.string().nullable().optional(),
  uscc: z.string().nullable().optional(),
});

/** One change request: what it asks (`changes`) against what the unit had (`previous`), and its outcome. */
export const OrgChangeView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  regionCode: z.string(),
  status: z.enum(ORG_CHANGE_STATUSES),
  changes: OrgFacts,
  /** The values replaced: at request time while pending, at approval once applied (the unit's history). */
  previous: OrgFacts,
  note: z.string().nullable(),
  requestedAt: z.string(),
  reviewedAt: z.string().nullable(),
  reviewReason: z.string().nullable(),
});
export type OrgChangeView = z.infer<typeof OrgChangeView>;
export const OrgChangePage = pageOf(OrgChangeView);
export const OrgChangeParams = z.strictObject({ id: z.uuid(), changeId: z.uuid() });

/** 找组织: the public directory of approved organizations, so a resident can find a team to join. */
export const DirectoryQuery = z.strictObject({
  /** A region (any level); its whole subtree. */
  region: RegionCode.optional(),
  /** Part of the name. */
  q: text(1, 60).optional(),
  category: z.enum(SERVICE_CATEGORIES).optional(),
  orgType: z.enum(ORG_TYPES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
/** No contact or registration detail: what anyone may see of a team before joining. */
export const DirectoryRow = z.object({
  id: z.uuid(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  orgType: z.enum(ORG_TYPES),
  categories: z.array(z.string()),
  parentName: z.string().nullable(),
  activeMembers: z.number().int(),
  /** Published activities that have not ended. */
  openActivities: z.number().int(),
});
export const DirectoryPage = pageOf(DirectoryRow);
