import type { z } from 'zod';
import type { Text } from '@yiqi/shared/i18n';
import { checkDocument, DOCUMENT_TYPES } from '@yiqi/shared/identity/documents';
import { normalizePhone } from '@yiqi/shared/identity/normalize';
import type {
  RevealBody,
  VolunteerExportQuery,
  VolunteerListQuery,
  VolunteerView,
} from '@yiqi/shared/contracts/volunteers';
import { readerOf, type Ctx } from '../../core/ctx.ts';
import { DomainError } from '../../core/domain-error.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { phoneIndex } from '../auth/auth.service.ts';
import { docIndex } from './person.ts';
import { listPrefixes, volunteerInScope } from './scope.ts';
import * as repo from './volunteers.repository.ts';
import { toRow, toView, unseal } from './views.ts';
import { isVolunteerNumber } from './volunteer-number.ts';
import { workbook } from './xlsx.ts';

/** An Excel export is for a working list, not a copy of the registry: narrower filters beyond this. */
export const EXPORT_LIMIT = 5000;

/**
 * What a search box may hold: a name prefix, a volunteer number, or — only when the query came in a
 * request body (`exactNumbers`) — a whole phone or document number, matched through their keyed hashes
 * (the numbers are stored encrypted, so no prefix search on them). A query string would put those
 * numbers in URLs, which proxies and browsers keep.
 */
function searchTerms(ctx: Ctx, q: string | undefined, exactNumbers: boolean) {
  if (!q) return {};
  if (!exactNumbers) return { namePrefix: q, volunteerNo: isVolunteerNumber(q) ? q : undefined };
  const today = ctx.clock();
  // "138 0013 8000", "+86…" or full-width digits find the same person (checkDocument normalises too).
  const phone = normalizePhone(q);
  const docBidxes = DOCUMENT_TYPES.flatMap((type) => {
    const c = checkDocument(type, q, today);
    return c.ok ? [docIndex(ctx, type, c.number)] : [];
  });
  return {
    namePrefix: q,
    volunteerNo: isVolunteerNumber(q) ? q : undefined,
    phoneBidx: /^1[3-9]\d{9}$/.test(phone) ? phoneIndex(ctx, phone) : undefined,
    docBidxes,
  };
}

async function filterOf(
  ctx: Ctx,
  q: z.infer<typeof VolunteerExportQuery>,
  exactNumbers = false,
): Promise<repo.VolunteerFilter> {
  return {
    prefixes: await listPrefixes(ctx, q.region),
    ...searchTerms(ctx, q.q, exactNumbers),
    verification: q.verification,
    category: q.category,
  };
}

/**
 * The list behind the console's search; `exactNumbers` only for queries that came in a body (POST search).
 * The page itself may come from the streaming replica (docs/decisions/0022); the scope does not.
 */
export async function listVolunteers(ctx: Ctx, q: z.infer<typeof VolunteerListQuery>, exactNumbers = false) {
  const { rows, total } = await repo.listVolunteers(
    readerOf(ctx),
    await filterOf(ctx, q, exactNumbers),
    q.page,
    q.pageSize,
  );
  return { items: rows.map((r) => toRow(ctx, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function getVolunteer(ctx: Ctx, id: string): Promise<VolunteerView> {
  return toView(ctx, await volunteerInScope(ctx, id));
}

/**
 * One unmasked field of one volunteer, for a stated reason. The audit row is written before the value
 * leaves, so no reveal goes unrecorded.
 */
export async function reveal(ctx: Ctx, id: string, body: z.infer<typeof RevealBody>) {
  const v = await volunteerInScope(ctx, id);
  const value = unseal(ctx, body.field === 'docNumber' ? v.doc_number_enc : v.phone_enc);
  if (value === null) throw new DomainError('NOT_FOUND');
  await recordAudit(ctx, {
    action: 'volunteer.reveal',
    result: 'ok',
    objectType: 'volunteer',
    objectId: v.id,
    regionCode: v.region_code,
    details: { field: body.field, reason: body.reason },
  });
  return { field: body.field, value };
}

const COLUMNS: { key: string; header: Text; width?: number }[] = [
  { key: 'volunteerNo', header: { 'zh-CN': '志愿者编号', 'zh-HK': '義工編號', en: 'Volunteer no.' } },
  { key: 'name', header: { 'zh-CN': '姓名', 'zh-HK': '姓名', en: 'Name' }, width: 12 },
  { key: 'gender', header: { 'zh-CN': '性别', 'zh-HK': '性別', en: 'Gender' }, width: 8 },
  { key: 'age', header: { 'zh-CN': '年龄', 'zh-HK': '年齡', en: 'Age' }, width: 6 },
  { key: 'docType', header: { 'zh-CN': '证件类型', 'zh-HK': '證件類型', en: 'Document type' } },
  { key: 'docNumberMasked', header: { 'zh-CN': '证件号码', 'zh-HK': '證件號碼', en: 'Document no.' } },
  { key: 'phoneMasked', header: { 'zh-CN': '手机号', 'zh-HK': '手機號碼', en: 'Phone' }, width: 14 },
  { key: 'regionName', header: { 'zh-CN': '居住地区', 'zh-HK': '居住地區', en: 'Region' } },
  { key: 'regionCode', header: { 'zh-CN': '区划代码', 'zh-HK': '區劃代碼', en: 'Region code' } },
  {
    key: 'verificationStatus',
    header: { 'zh-CN': '实名认证', 'zh-HK': '實名認證', en: 'Verification' },
  },
  { key: 'categories', header: { 'zh-CN': '服务类别', 'zh-HK': '服務類別', en: 'Categories' }, width: 30 },
  { key: 'createdAt', header: { 'zh-CN': '注册时间', 'zh-HK': '登記時間', en: 'Registered' }, width: 24 },
];

/** The filtered list as an Excel file, masked like the list itself; audited with its size and filters. */
export async function exportVolunteers(ctx: Ctx, q: z.infer<typeof VolunteerExportQuery>): Promise<Buffer> {
  const filter = await filterOf(ctx, q);
  const total = await repo.countVolunteers(ctx.db, filter);
  if (total > EXPORT_LIMIT) throw new DomainError('EXPORT_TOO_LARGE', { total, limit: EXPORT_LIMIT });
  const rows = (await repo.listAllVolunteers(ctx.db, filter, EXPORT_LIMIT)).map((r) => toRow(ctx, r));
  const file = await workbook([
    {
      name: 'volunteers',
      columns: COLUMNS.map((c) => ({
        key: c.key,
        header: c.header[ctx.locale],
        ...(c.width ? { width: c.width } : {}),
      })),
      rows,
    },
  ]);
  await recordAudit(ctx, {
    action: 'volunteer.list_export',
    result: 'ok',
    objectType: 'volunteer_list',
    ...(q.region ? { regionCode: q.region } : {}),
    // The search text may be a phone or document number: only whether there was one is kept.
    details: {
      rows: rows.length,
      region: q.region ?? null,
      verification: q.verification ?? null,
      category: q.category ?? null,
      search: Boolean(q.q),
    },
  });
  return file;
}
