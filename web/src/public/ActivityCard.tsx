import { RECRUIT_MODE_NAMES } from '@yiqi/shared/contracts/activities';
import { fmt, useMessages, useText } from '../lib/locale.tsx';
import type { ActivitySummary } from '../features/activities/api.ts';
import { km, mapLinks, timeRange } from '../features/activities/format.ts';
import { activityMessages } from '../features/activities/messages.ts';
import { CategoryTag, RiskTag, StatusTag } from './bits.tsx';
import { Link, useRouter } from './router.tsx';

/** One activity in a list (the light twin of features/activities/ActivityCard.tsx): a tap opens it. */
export function ActivityCard({ a }: { a: ActivitySummary }) {
  const t = useMessages(activityMessages);
  const text = useText();
  const { go } = useRouter();
  const href = `/m/activities/${a.id}`;
  const full = a.quota > 0 && a.taken >= a.quota;
  const geo = a.lat !== null && a.lng !== null ? mapLinks(a.lat, a.lng, a.title) : null;
  return (
    <article className="lp-card lp-col" data-testid="activity-card" onClick={() => go(href)}>
      <div className="lp-row" style={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <Link
          to={href}
          onClick={(e) => e.stopPropagation()}
          style={{ color: 'inherit', fontWeight: 600, fontSize: 16, minWidth: 0 }}
        >
          {a.title}
        </Link>
        <StatusTag status={a.status} />
      </div>
      <div className="lp-row" style={{ gap: 4 }}>
        <CategoryTag code={a.category} />
        <RiskTag level={a.riskLevel} />
        {a.distanceKm !== null && (
          <span className="lp-tag geekblue" data-testid="distance">
            {fmt(t.distance, { km: km(a.distanceKm) })}
          </span>
        )}
        {a.recruitMode !== 'public' && (
          <span className="lp-tag">{text(RECRUIT_MODE_NAMES[a.recruitMode])}</span>
        )}
      </div>
      <div className="lp-small">{a.orgName}</div>
      <div className="lp-small">{timeRange(a.startsAt, a.endsAt)}</div>
      <div className="lp-small">
        {a.regionName} · {a.address}
      </div>
      <div className="lp-row">
        <span className="lp-small">{fmt(t.places, { taken: a.taken, quota: a.quota })}</span>
        <span className="lp-bar-fill" aria-hidden>
          <span
            style={{
              width: `${a.quota ? Math.round((a.taken / a.quota) * 100) : 0}%`,
              background: full ? '#bfbfbf' : undefined,
            }}
          />
        </span>
        {full && <span className="lp-tag">{t.full}</span>}
        {geo && (
          <a href={geo.amap} target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()}>
            {t.mapHint}
          </a>
        )}
      </div>
    </article>
  );
}
