import { useState, type FormEvent } from 'react';
import { fmt, useMessages } from '../lib/locale.tsx';
import { searchActivities, type SearchQuery } from '../features/activities/api.ts';
import { activityMessages } from '../features/activities/messages.ts';
import { ActivityCard } from './ActivityCard.tsx';
import { Failed, Pending } from './bits.tsx';
import { publicMessages } from './messages.ts';
import { useRouter } from './router.tsx';
import { useFetch } from './useFetch.ts';

const PAGE_SIZE = 10;
// The words typed into the search stay in the tab's session storage, never in the address (the reasons
// are in features/activities/filters.ts, whose key this shares so both pages see the same words).
const WORDS_KEY = 'yiqi.activities.q';

function storedWords(): string {
  try {
    return sessionStorage.getItem(WORDS_KEY) ?? '';
  } catch {
    return '';
  }
}

function storeWords(q: string): void {
  try {
    if (q) sessionStorage.setItem(WORDS_KEY, q);
    else sessionStorage.removeItem(WORDS_KEY);
  } catch {
    // Storage refused (private mode): the words last as long as the page.
  }
}

const num = (s: string | null) => (s && Number.isFinite(Number(s)) ? Number(s) : undefined);

/** The query the full page (filters.ts toQuery) would send for this address, so a preload matches it. */
function queryOf(params: URLSearchParams, q: string): SearchQuery {
  const lat = num(params.get('lat'));
  const lng = num(params.get('lng'));
  const near = lat !== undefined && lng !== undefined;
  const date = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : undefined);
  const region = params.get('region') ?? '';
  return {
    q: q || undefined,
    category: params.get('category') || undefined,
    regionCode: /^\d{12}$/.test(region) ? region : undefined,
    from: date(params.get('from')),
    to: date(params.get('to')),
    openOnly: params.get('open') === '1' ? 'true' : undefined,
    lat: near ? lat : undefined,
    lng: near ? lng : undefined,
    radiusKm: near ? num(params.get('r')) : undefined,
    page: Math.max(1, num(params.get('page')) ?? 1),
    pageSize: PAGE_SIZE,
  };
}

/**
 * /m/activities for a visitor: the search words, the list and its pages. The filters (dates, area,
 * distance: Ant Design's pickers) are the full page's; "filters and nearby" hands over to it here.
 */
export function ActivityListPage({ leave }: { leave: () => void }) {
  const t = useMessages(activityMessages);
  const p = useMessages(publicMessages);
  const { place, go } = useRouter();
  const [words, setWords] = useState(storedWords);
  const [q, setQ] = useState(words);
  const query = queryOf(place.search, q);
  const key = JSON.stringify(query);
  const res = useFetch(key, (signal) => searchActivities(query, signal));
  const goPage = (page: number) => {
    const s = new URLSearchParams(place.search);
    if (page > 1) s.set('page', String(page));
    else s.delete('page');
    const qs = s.toString();
    go(`/m/activities${qs ? `?${qs}` : ''}`);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next = words.trim();
    storeWords(next);
    setQ(next);
    if (query.page > 1) goPage(1);
  };
  const pages = res.state === 'done' ? Math.ceil(res.data.total / PAGE_SIZE) : 0;
  return (
    <>
      <h3>{t.title}</h3>
      <form role="search" className="lp-row" style={{ flexWrap: 'nowrap' }} onSubmit={submit}>
        <input
          className="lp-input"
          type="search"
          value={words}
          maxLength={50}
          placeholder={t.searchPlaceholder}
          aria-label={t.searchPlaceholder}
          onChange={(e) => setWords(e.target.value)}
          data-testid="activity-search"
        />
        <button type="submit" className="lp-btn primary">
          {p.search}
        </button>
      </form>
      <div>
        <button type="button" className="lp-btn" onClick={leave} data-testid="more-filters">
          {p.moreFilters}
        </button>
      </div>
      {res.state === 'pending' ? (
        <Pending />
      ) : res.state === 'error' ? (
        <Failed error={res.error} retry={res.retry} />
      ) : res.data.items.length === 0 ? (
        <div className="lp-card lp-center">
          <p>{t.empty}</p>
          {q && <p className="lp-muted">{t.emptyHint}</p>}
        </div>
      ) : (
        <div className="lp-col" style={{ gap: 8, opacity: res.stale ? 0.6 : 1 }}>
          <span className="lp-muted" data-testid="activity-total">
            {fmt(t.total, { n: res.data.total })}
          </span>
          {res.data.items.map((a) => (
            <ActivityCard key={a.id} a={a} />
          ))}
          {pages > 1 && (
            <nav
              className="lp-row"
              style={{ justifyContent: 'center' }}
              aria-label={fmt(p.pageOf, { page: query.page, pages })}
            >
              <button
                type="button"
                className="lp-btn"
                disabled={query.page <= 1}
                onClick={() => goPage(query.page - 1)}
              >
                {p.prev}
              </button>
              <span>{fmt(p.pageOf, { page: query.page, pages })}</span>
              <button
                type="button"
                className="lp-btn"
                disabled={query.page >= pages}
                onClick={() => goPage(query.page + 1)}
              >
                {p.next}
              </button>
            </nav>
          )}
        </div>
      )}
    </>
  );
}
