import type { VolunteerExport } from '@yiqi/shared/contracts/volunteers';
import { actorOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { checkOwnPassword, closeAccount } from '../auth/auth.service.ts';
import { forgetAddresses, ownAddressesForExport } from '../notifications/addresses.service.ts';
import { activeRolesOf } from '../roles/roles.service.ts';
import * as accounts from './account.repository.ts';
import { ownVolunteer } from './profile.service.ts';
import * as repo from './volunteers.repository.ts';
import { openEmergencyContact, unseal } from './views.ts';
import { workbook, type Sheet } from './xlsx.ts';
import { withTransaction } from '../../core/tx.ts';
import { iso } from '../../core/dates.ts';

/** Every table's data about the signed-in person, unmasked: it is their own (PIPL art. 45). */
async function collect(ctx: Ctx): Promise<VolunteerExport> {
  const actor = actorOf(ctx);
  const v = await ownVolunteer(ctx);
  const now = ctx.clock();
  const [user, memberships, documents, signups, notifications, feed, sessions, audit, addresses] =
    await Promise.all([
      accounts.findUserForExport(ctx.db, actor.userId),
      accounts.listMemberships(ctx.db, v.id),
      repo.listDocumentMeta(ctx.db, [v.id]),
      accounts.listSignups(ctx.db, v.id),
      accounts.listNotifications(ctx.db, actor.userId),
      accounts.hasCalendarFeed(ctx.db, actor.userId),
      accounts.countSessions(ctx.db, actor.userId, now),
      accounts.listAuditAbout(ctx.db, actor.userId, v.id),
      ownAddressesForExport(ctx, actor.userId),
    ]);
  const contact = openEmergencyContact(ctx, v);
  return {
    exportedAt: now.toISOString(),
    user: user
      ? {
          id: user.id,
          username: user.username,
          displayName: user.display_name,
          locale: user.locale,
          createdAt: iso(user.created_at)!,
          mfaEnrolled: user.totp_enabled_at !== null,
        }
      : null,
    volunteer: {
      id: v.id,
      volunteerNo: v.volunteer_no,
      name: v.name,
      gender: v.gender,
      birthDate: v.birth_iso,
      docType: v.doc_type,
      docNumber: unseal(ctx, v.doc_number_enc),
      phone: unseal(ctx, v.phone_enc),
      regionCode: v.region_code,
      regionName: v.region_name,
      verificationStatus: v.verification_status,
      verificationMethod: v.verification_method,
      verifiedAt: iso(v.verified_at),
      verificationNote: v.verification_note,
      guardian: v.guardian_name
        ? {
            name: v.guardian_name,
            relation: v.guardian_relation,
            phone: unseal(ctx, v.guardian_phone_enc),
            consentAt: iso(v.guardian_consent_at),
            evidence: v.guardian_evidence,
            registeredByGuardian: v.registered_by_guardian,
          }
        : null,
      skills: v.skills,
      // 未核验的自述资质 (typed before qualifications became records; decision 0069).
      declaredQualifications: v.qualifications,
      categories: v.categories,
      serviceRegions: v.service_regions,
      availability: v.availability,
      languages: v.languages,
      emergencyContact: contact,
      privacyNoticeVersion: v.privacy_notice_version,
      sensitiveConsentAt: iso(v.sensitive_consent_at),
      registeredByOrg: v.registered_by_org,
      registrationConsentAt: iso(v.registration_consent_at),
      registrationConsentEvidence: v.registration_consent_evidence,
      status: v.status,
      createdAt: iso(v.created_at),
      updatedAt: iso(v.updated_at),
    },
    memberships: memberships.map((m) => ({
      id: m.id,
      orgId: m.org_id,
      orgName: m.org_name,
      role: m.role,
      status: m.status,
      createdAt: iso(m.created_at)!,
      decidedAt: iso(m.decided_at),
      leftAt: iso(m.left_at),
    })),
    verificationDocuments: documents.map((d) => ({
      id: d.id,
      mimeType: d.mime_type,
      uploadedAt: iso(d.uploaded_at)!,
    })),
    notificationAddresses: addresses,
    signups: signups.map((g) => ({
      id: g.id,
      activityId: g.activity_id,
      activityTitle: g.title,
      positionName: g.position_name,
      shiftStartsAt: iso(g.starts_at)!,
      shiftEndsAt: iso(g.ends_at)!,
      status: g.status,
      cancelKind: g.cancel_kind,
      createdAt: iso(g.created_at)!,
      checkInAt: iso(g.check_in_at),
      checkInMethod: g.check_in_method,
      checkInDistanceM: g.check_in_distance_m,
      checkOutAt: iso(g.check_out_at),
      checkOutMethod: g.check_out_method,
    })),
    notifications: notifications.map((n) => ({
      kind: n.kind,
      createdAt: iso(n.created_at)!,
      readAt: iso(n.read_at),
      data: n.data,
    })),
    calendarFeed: feed,
    sessions,
    audit: audit.map((a) => ({
      occurredAt: iso(a.occurred_at)!,
      action: a.action,
      result: a.result,
      actor: a.actor_name,
      objectType: a.object_type,
      objectId: a.object_id,
      details: a.details,
    })),
  };
}

/** A sheet listing an object's fields as rows (the volunteer record has too many for columns). */
function fieldSheet(name: string, obj: Record<string, unknown> | null): Sheet {
  return {
    name,
    columns: [
      { header: 'field', key: 'field', width: 28 },
      { header: 'value', key: 'value', width: 60 },
    ],
    rows: Object.entries(obj ?? {}).map(([field, value]) => ({ field, value })),
  };
}

function tableSheet(name: string, rows: Record<string, unknown>[], keys: string[]): Sheet {
  return { name, columns: keys.map((k) => ({ header: k, key: k })), rows };
}

/** The person's own data as JSON or an Excel workbook (one sheet per table); audited. */
export async function exportOwnData(
  ctx: Ctx,
  format: 'json' | 'xlsx',
): Promise<{ json: VolunteerExport } | { xlsx: Buffer; volunteerNo: string }> {
  const data = await collect(ctx);
  await recordAudit(ctx, {
    action: 'volunteer.export',
    result: 'ok',
    objectType: 'volunteer',
    objectId: data.volunteer.id as string,
    regionCode: data.volunteer.regionCode as string,
    details: { format },
  });
  if (format === 'json') return { json: data };
  const xlsx = await workbook([
    fieldSheet('user', data.user),
    fieldSheet('volunteer', data.volunteer),
    tableSheet('memberships', data.memberships, [
      'id',
      'orgId',
      'orgName',
      'role',
      'status',
      'createdAt',
      'decidedAt',
      'leftAt',
    ]),
    tableSheet('verification_documents', data.verificationDocuments, ['id', 'mimeType', 'uploadedAt']),
    tableSheet('notification_addresses', data.notificationAddresses, ['channel', 'address', 'verifiedAt']),
    tableSheet('signups', data.signups, [
      'id',
      'activityTitle',
      'positionName',
      'shiftStartsAt',
      'shiftEndsAt',
      'status',
      'cancelKind',
      'createdAt',
      'checkInAt',
      'checkInMethod',
      'checkInDistanceM',
      'checkOutAt',
      'checkOutMethod',
    ]),
    tableSheet(
      'notifications',
      data.notifications.map((n) => ({ ...n, data: JSON.stringify(n.data) })),
      ['kind', 'createdAt', 'readAt', 'data'],
    ),
    fieldSheet('sessions', data.sessions),
    tableSheet('audit', data.audit, [
      'occurredAt',
      'action',
      'result',
      'actor',
      'objectType',
      'objectId',
      'details',
    ]),
  ]);
  return { xlsx, volunteerNo: data.volunteer.volunteerNo as string };
}

/**
 * Closes the person's account after they confirm with their password: personal data erased or
 * irreversibly anonymised, uploaded documents deleted, sessions ended. Memberships stay as history of
 * the anonymous record. Someone holding a staff role hands it over first.
 */
export async function closeOwnAccount(ctx: Ctx, password: string): Promise<void> {
  const actor = actorOf(ctx);
  const v = await ownVolunteer(ctx);
  if (!(await checkOwnPassword(ctx, password))) {
    await recordAudit(ctx, {
      action: 'volunteer.close',
      result: 'failed',
      objectType: 'volunteer',
      objectId: v.id,
      details: { reason: 'wrong_password' },
    });
    throw new DomainError('WRONG_PASSWORD');
  }
  if ((await activeRolesOf(ctx, actor.userId)).length > 0) throw new DomainError('ACCOUNT_HAS_ROLES');
  const now = ctx.clock();
  await withTransaction(ctx, async (tx) => {
    const t = tx;
    const documentsDeleted = await repo.deleteDocuments(tx.db, v.id);
    await accounts.anonymizeVolunteer(tx.db, v.id, v.region_code, now);
    await closeAccount(t, actor.userId);
    const addressesDeleted = await forgetAddresses(t, actor.userId);
    await recordAudit(t, {
      action: 'volunteer.close',
      result: 'ok',
      objectType: 'volunteer',
      objectId: v.id,
      regionCode: v.region_code.slice(0, 6) + '000000',
      details: { userId: actor.userId, documentsDeleted, addressesDeleted },
    });
  });
}
