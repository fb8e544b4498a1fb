import { useState } from 'react';
import { fmt, useLocale, useMessages } from '../lib/locale.tsx';
import { searchActivities, type SearchQuery } from '../features/activities/api.ts';
import { getPosition } from '../features/activities/geo.ts';
import { ActivityCard } from './ActivityCard.tsx';
import { Failed, Pending } from './bits.tsx';
import {
  FIGURE_KEYS,
  HOME_REGIONS,
  publicFigures,
  shownFigures,
  type FigureKey,
  type PublicFigures,
} from './figures.ts';
import { publicMessages } from './messages.ts';
import { Link } from './router.tsx';
import { useFetch, type Fetched } from './useFetch.ts';

/** The home page's list: open activities in the home city, soonest first; or nearest first, once asked. */
export const HOME_QUERY: SearchQuery = {
  regionCode: HOME_REGIONS.city,
  openOnly: 'true',
  page: 1,
  pageSize: 5,
};

type FiguresFetch = Fetched<PublicFigures | null>;

/** One unit's figures (the province's or the city's) out of the one answer both come in. */
function Figures({
  res,
  unit,
  fallback,
}: {
  res: FiguresFetch;
  unit: 'province' | 'city';
  fallback: string;
}) {
  const t = useMessages(publicMessages);
  const { locale } = useLocale();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const show = (k: FigureKey, v: number) =>
    k === 'activeShare'
      ? percent.format(v)
      : k === 'hoursPerVolunteer' || k === 'hours'
        ? fmt(t.hoursUnit, { n: number.format(v) })
        : number.format(v);
  const data = res.state === 'done' ? res.data : null;
  const u = data?.[unit] ?? null;
  const figures = shownFigures(u);
  const items = FIGURE_KEYS.flatMap((k) => {
    const v = figures[k];
    return typeof v === 'number' && Number.isFinite(v) ? [[k, v] as const] : [];
  });
  return (
    <section className="lp-card lp-col" data-testid="figures" data-region={u?.code ?? unit}>
      <h4 style={{ fontSize: 16 }}>{u?.name ?? fallback}</h4>
      {res.state === 'pending' ? (
        <span className="lp-muted">{t.loading}</span>
      ) : items.length === 0 ? (
        // Not yet collected (or the endpoint is not there, failed, or the unit is too small): said so, never 0.
        <span className="lp-muted" data-testid="figures-none">
          {t.figuresNone}
        </span>
      ) : (
        <>
          <dl className="lp-tiles" style={{ margin: 0 }}>
            {items.map(([k, v]) => (
              <div key={k} className="lp-col" style={{ gap: 0 }}>
                <dt className="lp-muted lp-small">{t[k]}</dt>
                <dd className="lp-figure" style={{ margin: 0 }}>
                  {show(k, v)}
                </dd>
              </div>
            ))}
          </dl>
          {data?.refreshedAt && (
            <span className="lp-muted lp-small">
              {fmt(t.figuresAsOf, { date: data.refreshedAt.slice(0, 10) })}
            </span>
          )}
        </>
      )}
    </section>
  );
}

/** `/` for a visitor: activities near them, the province's and city's figures, and what they can do here. */
export function HomePage() {
  const t = useMessages(publicMessages);
  const [near, setNear] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const query: SearchQuery = near
    ? { lat: near.lat, lng: near.lng, openOnly: 'true', page: 1, pageSize: 5 }
    : HOME_QUERY;
  const res = useFetch(JSON.stringify(query), (signal) => searchActivities(query, signal));
  const figures = useFetch(HOME_REGIONS.city, (signal) => publicFigures(HOME_REGIONS.city, signal));
  const locate = () => {
    setLocating('busy');
    getPosition().then(
      (p) => {
        setNear({ lat: p.lat, lng: p.lng });
        setLocating('idle');
      },
      () => setLocating('failed'),
    );
  };
  const list = near
    ? `/m/activities?lat=${near.lat.toFixed(5)}&lng=${near.lng.toFixed(5)}&open=1`
    : '/m/activities';
  return (
    <>
      <section className="lp-hero">
        <h1 style={{ fontSize: 22 }}>{t.heroTitle}</h1>
        <p style={{ margin: 0 }} className="lp-muted">
          {t.heroBody}
        </p>
      </section>
      <nav className="lp-tiles three" aria-label={t.heroTitle}>
        <Link to="/m/register" className="lp-tile" data-testid="home-register">
          <strong>{t.register}</strong>
          <span className="lp-muted lp-small">{t.registerHint}</span>
        </Link>
        <Link to="/m/orders" className="lp-tile" data-testid="home-order">
          <strong>{t.order}</strong>
          <span className="lp-muted lp-small">{t.orderHint}</span>
        </Link>
        <Link to="/verify" className="lp-tile" data-testid="home-verify">
          <strong>{t.verify}</strong>
          <span className="lp-muted lp-small">{t.verifyHint}</span>
        </Link>
      </nav>
      <Link to="/m/honours" className="lp-tile" data-testid="home-honours">
        <strong>{t.honours}</strong>
        <span className="lp-muted lp-small">{t.honoursHint}</span>
      </Link>
      <section className="lp-col" style={{ gap: 8 }} aria-labelledby="home-activities">
        <div className="lp-row" style={{ justifyContent: 'space-between' }}>
          <h3 id="home-activities" style={{ fontSize: 18 }}>
            {near ? t.nearTitle : t.newestTitle}
          </h3>
          {!near && (
            <button
              type="button"
              className="lp-btn"
              onClick={locate}
              disabled={locating === 'busy'}
              data-testid="home-locate"
            >
              {locating === 'busy' ? t.locating : t.useLocation}
            </button>
          )}
        </div>
        {locating === 'failed' && (
          <span className="lp-muted lp-small" role="status">
            {t.locationFailed}
          </span>
        )}
        {res.state === 'pending' ? (
          <Pending />
        ) : res.state === 'error' ? (
          <Failed error={res.error} retry={res.retry} />
        ) : res.data.items.length === 0 ? (
          <p className="lp-card lp-center lp-muted">{t.noActivities}</p>
        ) : (
          res.data.items.map((a) => <ActivityCard key={a.id} a={a} />)
        )}
        <Link to={list} className="lp-btn block" data-testid="home-all-activities">
          {t.allActivities}
        </Link>
      </section>
      <section className="lp-col" style={{ gap: 8 }} aria-labelledby="home-figures">
        <h3 id="home-figures" style={{ fontSize: 18 }}>
          {t.figuresTitle}
        </h3>
        <Figures res={figures} unit="province" fallback={t.province} />
        <Figures res={figures} unit="city" fallback={t.city} />
      </section>
    </>
  );
}
