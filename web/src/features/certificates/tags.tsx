import { Tag } from 'antd';
import {
  CERTIFICATE_SCOPE_NAMES,
  CERTIFICATE_STATUS_NAMES,
  type CertificateStatus,
} from '@yiqi/shared/contracts/certificates';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import type { CertificateView } from './api.ts';
import { certificateMessages } from './messages.ts';
import { formatHours } from '../../lib/format.ts';

const COLORS: Record<CertificateStatus, string> = {
  requested: 'processing',
  issued: 'success',
  rejected: 'default',
  revoked: 'error',
};

export function CertificateStatusTag({ status }: { status: CertificateStatus }) {
  const text = useText();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="certificate-status">
      {text(CERTIFICATE_STATUS_NAMES[status])}
    </Tag>
  );
}

/** What a certificate covers, in words: all records, a period, or a number of activities. */
export function useScopeText(): (
  c: Pick<CertificateView, 'scope' | 'from' | 'to' | 'activityIds'>,
) => string {
  const text = useText();
  const t = useMessages(certificateMessages);
  return (c) =>
    c.scope === 'period'
      ? fmt(t.period, { from: c.from ?? '', to: c.to ?? '' })
      : c.scope === 'activities'
        ? `${text(CERTIFICATE_SCOPE_NAMES.activities)} · ${count(t.activity, t.activities, c.activityIds.length)}`
        : text(CERTIFICATE_SCOPE_NAMES.all);
}

const count = (one: string, many: string, n: number) => fmt(n === 1 ? one : many, { n, h: n });

/** "3 records · 8.1 hours", singular where English needs it; hours in the one format (lib/format.ts). */
export function useCounts() {
  const t = useMessages(certificateMessages);
  return {
    records: (n: number) => count(t.record, t.records, n),
    hours: (h: number) => fmt(h === 1 ? t.hour : t.hours, { h: formatHours(h) }),
    recordsHours: (n: number, h: number) =>
      `${count(t.record, t.records, n)} · ${fmt(h === 1 ? t.hour : t.hours, { h: formatHours(h) })}`,
  };
}
