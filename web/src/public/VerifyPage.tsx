import { useEffect, useState, type FormEvent } from 'react';
import { CERTIFICATE_NUMBER, normalizeCertificateNumber } from '@yiqi/shared/contracts/certificates';
import { isApiError } from '../lib/api.ts';
import { formatHours } from '../lib/format.ts';
import { fmt, useMessages } from '../lib/locale.tsx';
import { checkCertificate, type CertificateCheck } from '../features/certificates/api.ts';
import { certificateCheckMessages, certificateMessages } from '../features/certificates/messages.ts';
import { Failed, Pending } from './bits.tsx';
import { useRouter } from './router.tsx';
import { useFetch } from './useFetch.ts';

/** The address's part as typed (a malformed escape is kept as it is, and then fails the format). */
function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function Verdict({ v }: { v: CertificateCheck }) {
  const t = useMessages(certificateCheckMessages);
  const c = useMessages(certificateMessages);
  const [tone, title, hint] =
    v.status === 'revoked'
      ? (['', t.revoked, fmt(t.revokedHint, { date: v.revokedDate ?? '' })] as const)
      : v.changed
        ? ([' warn', t.changed, t.changedHint] as const)
        : ([' ok', t.valid, t.validHint] as const);
  const rows: [string, string][] = [
    [c.number, v.number],
    [c.issuer, v.issuerName],
    ...(v.originalUnitName
      ? ([[c.originalUnit, fmt(c.dissolvedUnit, { name: v.originalUnitName })]] as [string, string][])
      : []),
    [t.volunteer, v.volunteerName],
    [t.totalHours, fmt(v.totalHours === 1 ? c.hour : c.hours, { h: formatHours(v.totalHours) })],
    [t.recordCount, fmt(v.recordCount === 1 ? c.record : c.records, { n: v.recordCount, h: v.recordCount })],
    [c.issueDate, v.issueDate],
    ...(v.revokedDate ? ([[c.revokedAt, v.revokedDate]] as [string, string][]) : []),
  ];
  return (
    <section
      className="lp-card lp-col"
      style={{ gap: 12 }}
      data-testid="verify-result"
      data-status={v.valid ? 'valid' : v.status === 'revoked' ? 'revoked' : 'changed'}
    >
      <div className={`lp-alert${tone}`} role="status">
        <h4>{title}</h4>
        <div>{hint}</div>
      </div>
      <dl className="lp-dl">
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="lp-muted lp-small" style={{ margin: 0 }}>
        {t.privacy}
      </p>
    </section>
  );
}

/** /verify and /verify/:number: anyone checks a certificate by its number (the QR code links here). */
export function VerifyPage({ raw }: { raw: string | undefined }) {
  const t = useMessages(certificateCheckMessages);
  const { go } = useRouter();
  const number = raw ? normalizeCertificateNumber(decoded(raw)) : undefined;
  const wellFormed = Boolean(number && CERTIFICATE_NUMBER.test(number));
  const [typed, setTyped] = useState(number ?? '');
  const [formatError, setFormatError] = useState(false);
  useEffect(() => {
    setTyped(number ?? '');
    setFormatError(false);
  }, [number]);
  const res = useFetch(wellFormed ? number! : null, (signal) => checkCertificate(number!, signal));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = normalizeCertificateNumber(typed);
    if (!CERTIFICATE_NUMBER.test(n)) return setFormatError(true);
    setFormatError(false);
    go(`/verify/${n}`);
  };
  return (
    <>
      <div className="lp-col" style={{ gap: 4 }}>
        <h3>{t.title}</h3>
        <span className="lp-muted">{t.intro}</span>
      </div>
      <form className="lp-card lp-col" onSubmit={submit} noValidate>
        <div className="lp-row" style={{ flexWrap: 'nowrap' }}>
          <input
            className="lp-input"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={t.placeholder}
            maxLength={40}
            aria-label={t.placeholder}
            aria-invalid={formatError}
            autoCapitalize="characters"
            spellCheck={false}
            data-testid="verify-input"
          />
          <button type="submit" className="lp-btn primary">
            {t.check}
          </button>
        </div>
        {formatError && (
          <span className="lp-error" role="alert">
            {t.invalidFormat}
          </span>
        )}
      </form>
      {number && !wellFormed ? (
        <div className="lp-card lp-center" data-testid="verify-missing">
          <h4>{t.notFound}</h4>
          <p className="lp-muted">{t.invalidFormat}</p>
        </div>
      ) : number ? (
        res.state === 'pending' ? (
          <Pending />
        ) : res.state === 'error' ? (
          isApiError(res.error, 'NOT_FOUND') ? (
            <div className="lp-card lp-center" data-testid="verify-missing">
              <h4>{t.notFound}</h4>
              <p className="lp-muted">{t.notFoundHint}</p>
            </div>
          ) : (
            <Failed error={res.error} retry={res.retry} />
          )
        ) : (
          <Verdict v={res.data} />
        )
      ) : null}
    </>
  );
}
