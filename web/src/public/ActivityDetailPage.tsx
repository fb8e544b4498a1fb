import type { ReactNode } from 'react';
import { RECRUIT_MODE_NAMES, RISK_LEVEL_NAMES } from '@yiqi/shared/contracts/activities';
import { fmt, useMessages, useText } from '../lib/locale.tsx';
import { getActivity, type ActivityDetail, type PositionView } from '../features/activities/api.ts';
import { isPast, mapLinks, timeRange } from '../features/activities/format.ts';
import { activityMessages } from '../features/activities/messages.ts';
import { CategoryTag, Failed, Pending, RiskTag, StatusTag } from './bits.tsx';
import { Link } from './router.tsx';
import { useFetch } from './useFetch.ts';

const RECRUITING = new Set<string>(['published', 'in_progress']);

function Facts({ a }: { a: ActivityDetail }) {
  const t = useMessages(activityMessages);
  const text = useText();
  const geo = a.lat !== null && a.lng !== null ? mapLinks(a.lat, a.lng, a.title) : null;
  const ins = a.insurance;
  const rows: [string, ReactNode][] = [
    [t.org, a.orgName],
    [t.time, timeRange(a.startsAt, a.endsAt)],
    [
      t.address,
      <div className="lp-col" style={{ gap: 2 }}>
        <span>
          {a.regionName} · {a.address}
        </span>
        {geo && (
          <span className="lp-row" style={{ gap: '0 12px' }}>
            <a
              href={geo.amap}
              target="_blank"
              rel="noopener noreferrer"
              style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center' }}
            >
              {t.mapAmap}
            </a>
            <a
              href={geo.qq}
              target="_blank"
              rel="noopener noreferrer"
              style={{ minHeight: 44, display: 'inline-flex', alignItems: 'center' }}
            >
              {t.mapQq}
            </a>
          </span>
        )}
      </div>,
    ],
    [t.contact, a.contactPhone ? `${a.contactName} · ${a.contactPhone}` : a.contactName],
    [t.personInCharge, a.personInCharge],
    [
      t.recruitMode,
      <>
        {text(RECRUIT_MODE_NAMES[a.recruitMode])}
        {a.recruitMode === 'teams' && a.designatedOrgs.length > 0 && (
          <div className="lp-muted lp-small">
            {t.designatedTeams}
            {a.designatedOrgs.map((o) => o.name).join('、')}
          </div>
        )}
      </>,
    ],
    [
      t.insurance,
      ins ? (
        <div data-testid="insurance">
          {fmt(t.insuranceValue, { insurer: ins.insurer, policyNo: ins.policyNo })}
          <div className="lp-muted lp-small">{fmt(t.insuranceCover, { cover: ins.cover })}</div>
          <div className="lp-muted lp-small">{fmt(t.insurancePeriod, { from: ins.from, to: ins.to })}</div>
        </div>
      ) : (
        <span className="lp-muted">{t.noInsurance}</span>
      ),
    ],
    [t.placesLabel, fmt(t.placesValue, { taken: a.taken, quota: a.quota })],
    [
      t.cancelRule,
      a.cancelCutoffHours ? fmt(t.cancelRuleValue, { n: a.cancelCutoffHours }) : t.cancelRuleAnytime,
    ],
  ];
  return (
    <section className="lp-card">
      <dl className="lp-dl">
        {rows.map(([label, value]) => (
          <div key={label} style={{ display: 'contents' }}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Position({ a, p }: { a: ActivityDetail; p: PositionView }) {
  const t = useMessages(activityMessages);
  const text = useText();
  const signIn = `/login?next=${encodeURIComponent(`/m/activities/${a.id}`)}`;
  const age =
    p.minAge !== null && p.maxAge !== null
      ? fmt(t.ageRange, { min: p.minAge, max: p.maxAge })
      : p.minAge !== null
        ? fmt(t.ageMin, { min: p.minAge })
        : p.maxAge !== null
          ? fmt(t.ageMax, { max: p.maxAge })
          : null;
  return (
    <section className="lp-card lp-col" data-testid="position-card">
      <div className="lp-row">
        <strong>{p.name}</strong>
        {p.needsApproval && <span className="lp-tag blue">{t.needsApproval}</span>}
        {p.requiredQualificationName && (
          <span className="lp-tag orange" data-testid="requires-qualification">
            {fmt(t.requiresQualification, { q: text(p.requiredQualificationName) })}
          </span>
        )}
      </div>
      <dl className="lp-dl">
        {p.duties && (
          <>
            <dt>{t.duties}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{p.duties}</dd>
          </>
        )}
        {age && (
          <>
            <dt>{t.age}</dt>
            <dd>{age}</dd>
          </>
        )}
        {p.requiredSkills.length > 0 && (
          <>
            <dt>{t.skills}</dt>
            <dd>{p.requiredSkills.join('、')}</dd>
          </>
        )}
        {p.requiredQualifications.length > 0 && (
          <>
            <dt>{t.qualifications}</dt>
            <dd>{p.requiredQualifications.join('、')}</dd>
          </>
        )}
      </dl>
      <div>
        {p.shifts.map((s) => {
          const full = s.taken >= s.quota;
          return (
            <div key={s.id} className="lp-shift" data-testid="shift-row">
              <div className="lp-col" style={{ gap: 2 }}>
                <strong style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {timeRange(s.startsAt, s.endsAt)}
                </strong>
                <span className="lp-muted lp-small">
                  {fmt(t.shiftPlaces, { taken: s.taken, quota: s.quota })}
                  {full && ` · ${t.full}`}
                  {s.waitlisted > 0 && ` · ${fmt(t.waitlisted, { n: s.waitlisted })}`}
                </span>
              </div>
              {isPast(s.endsAt) ? (
                <button type="button" className="lp-btn" disabled>
                  {t.shiftOver}
                </button>
              ) : !RECRUITING.has(a.status) ? (
                <button type="button" className="lp-btn" disabled>
                  {t.notOpen}
                </button>
              ) : (
                // A visitor signs in first; the full page then offers the sign-up form.
                <Link to={signIn} className={`lp-btn${full ? '' : ' primary'}`} data-testid="sign-up">
                  {t.signInToSignUp}
                </Link>
              )}
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** /m/activities/:id for a visitor: everything to know before signing up, then sign in to sign up. */
export function ActivityDetailPage({ id }: { id: string }) {
  const t = useMessages(activityMessages);
  const text = useText();
  const res = useFetch(id, (signal) => getActivity(id, signal));
  const back = (
    <Link
      to="/m/activities"
      style={{ alignSelf: 'flex-start', minHeight: 44, display: 'inline-flex', alignItems: 'center' }}
    >
      ‹ {t.back}
    </Link>
  );
  if (res.state === 'pending') return <Pending />;
  if (res.state === 'error')
    return (
      <>
        {back}
        <Failed error={res.error} retry={res.retry} />
      </>
    );
  const a = res.data;
  return (
    <>
      {back}
      <div className="lp-col">
        <h3 data-testid="activity-title">{a.title}</h3>
        <div className="lp-row" style={{ gap: 4 }}>
          <StatusTag status={a.status} />
          <CategoryTag code={a.category} />
          <RiskTag level={a.riskLevel} />
        </div>
      </div>
      {a.status === 'cancelled' && (
        <div className="lp-alert" role="alert">
          <strong>{t.cancelledTitle}</strong>
          {a.cancelReason && <div>{fmt(t.cancelledReason, { reason: a.cancelReason })}</div>}
        </div>
      )}
      {(a.riskLevel !== 'none' || a.physicalRisk || a.riskText) && (
        <div
          className={`lp-alert${a.riskLevel === 'high' || a.physicalRisk ? '' : ' warn'}`}
          data-testid="risk-notice"
        >
          <strong>{fmt(t.riskTitle, { level: text(RISK_LEVEL_NAMES[a.riskLevel]) })}</strong>
          {a.riskText && <div style={{ whiteSpace: 'pre-wrap' }}>{a.riskText}</div>}
          {a.physicalRisk && <strong style={{ display: 'block' }}>{t.physicalRisk}</strong>}
        </div>
      )}
      <Facts a={a} />
      <section className="lp-card lp-col">
        <h4 style={{ fontSize: 16 }}>{t.about}</h4>
        <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.description}</p>
      </section>
      <h4>{t.positions}</h4>
      {a.positions.length === 0 ? (
        <p className="lp-muted lp-center">{t.noPositions}</p>
      ) : (
        a.positions.map((p) => <Position key={p.id} a={a} p={p} />)
      )}
    </>
  );
}
