import { z } from 'zod';
import type { Text } from '../i18n.ts';
import { pageOf, text } from './common.ts';

export const MEMBERSHIP_ROLES = ['admin', 'leader', 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const MEMBERSHIP_STATUSES = ['applied', 'invited', 'active', 'rejected', 'left'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const MEMBERSHIP_ROLE_NAMES: Record<MembershipRole, Text> = {
  admin: { 'zh-CN': '管理员', 'zh-HK': '管理員', en: 'Admin' },
  leader: { 'zh-CN': '队长', 'zh-HK': '隊長', en: 'Leader' },
  member: { 'zh-CN': '队员', 'zh-HK': '隊員', en: 'Member' },
};

export const MEMBERSHIP_STATUS_NAMES: Record<MembershipStatus, Text> = {
  applied: { 'zh-CN': '待审核', 'zh-HK': '待審核', en: 'Applied' },
  invited: { 'zh-CN': '已邀请', 'zh-HK': '已邀請', en: 'Invited' },
  active: { 'zh-CN': '在队', 'zh-HK': '在隊', en: 'Active' },
  rejected: { 'zh-CN': '已拒绝', 'zh-HK': '已拒絕', en: 'Rejected' },
  left: { 'zh-CN': '已退出', 'zh-HK': '已退出', en: 'Left' },
};

/** A membership of one organization's team, addressed through the organization. */
export const MemberParams = z.strictObject({ id: z.uuid(), membershipId: z.uuid() });
/** One of the caller's own memberships. */
export const MyMembershipParams = z.strictObject({ id: z.uuid() });

export const MemberListQuery = z.strictObject({
  status: z.enum(MEMBERSHIP_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const InviteBody = z.strictObject({ volunteerNo: text(1, 32) });
export const MemberDecisionBody = z.strictObject({ decision: z.enum(['approve', 'reject']) });
export const MemberRoleBody = z.strictObject({ role: z.enum(MEMBERSHIP_ROLES) });

export const MembershipCreated = z.object({ id: z.uuid(), status: z.enum(MEMBERSHIP_STATUSES) });

export const MemberRow = z.object({
  id: z.uuid(),
  volunteerId: z.uuid(),
  volunteerNo: z.string(),
  /** Team admins see their members' names; nothing else personal is listed. */
  name: z.string().nullable(),
  role: z.enum(MEMBERSHIP_ROLES),
  status: z.enum(MEMBERSHIP_STATUSES),
  source: z.string(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
});
export const MemberPage = pageOf(MemberRow);

export const MyMembershipRow = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  orgName: z.string(),
  regionCode: z.string(),
  role: z.enum(MEMBERSHIP_ROLES),
  status: z.enum(MEMBERSHIP_STATUSES),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  leftAt: z.string().nullable(),
});
export const MyMembershipPage = pageOf(MyMembershipRow);
export const MyMembershipQuery = z.strictObject({
  status: z.enum(MEMBERSHIP_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
