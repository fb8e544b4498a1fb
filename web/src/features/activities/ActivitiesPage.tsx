import { lazy, Suspense, useEffect, useState } from 'react';
import { Button, Empty, Flex, Input, Skeleton, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { FilterPanel } from '../common/FilterPanel.tsx';
import { ReplicaLagNotice } from '../common/ReplicaLagNotice.tsx';
import { PagedCards } from '../common/PagedCards.tsx';
import { ACTIVITIES_KEY, searchActivities } from './api.ts';
import { ActivityCard } from './ActivityCard.tsx';
import { activeCount, toQuery, useFilters } from './filters.ts';
import { activityMessages } from './messages.ts';

const PAGE_SIZE = 10;

// The filters (date pickers, the area cascader, selects) load when shown: on a phone they start folded, so
// the list's first visit does not download them (issue 17).
const ActivityFilters = lazy(() =>
  import('./ActivityFilters.tsx').then((m) => ({ default: m.ActivityFilters })),
);

/** /m/activities — published activities anyone may browse: words, category, area, dates, places, distance. */
export default function ActivitiesPage() {
  const t = useMessages(activityMessages);
  const [f, set] = useFilters();
  const [words, setWords] = useState(f.q);
  useEffect(() => setWords(f.q), [f.q]);
  const query = toQuery(f, PAGE_SIZE);
  const q = useQuery({
    queryKey: [...ACTIVITIES_KEY, query],
    queryFn: ({ signal }) => searchActivities(query, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = activeCount(f) > 0 || f.q !== '';

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      <Input.Search
        allowClear
        value={words}
        maxLength={50}
        placeholder={t.searchPlaceholder}
        aria-label={t.searchPlaceholder}
        onChange={(e) => setWords(e.target.value)}
        onSearch={(v) => set({ q: v.trim() })}
        data-testid="activity-search"
      />
      <FilterPanel active={activeCount(f)}>
        <Suspense fallback={<Skeleton active title={false} paragraph={{ rows: 3 }} />}>
          <ActivityFilters f={f} set={set} />
        </Suspense>
      </FilterPanel>
      <ReplicaLagNotice path="/api/activities" />
      <PagedCards
        query={q}
        page={f.page}
        pageSize={PAGE_SIZE}
        onPage={(page) => {
          set({ page });
          window.scrollTo({ top: 0 });
        }}
        card={(a) => <ActivityCard a={a} />}
        empty={
          <Empty
            description={
              <Flex vertical gap={4} align="center">
                <span>{t.empty}</span>
                {filtered && <Typography.Text type="secondary">{t.emptyHint}</Typography.Text>}
                {filtered && (
                  <Button
                    onClick={() =>
                      set({
                        q: '',
                        category: undefined,
                        region: undefined,
                        from: undefined,
                        to: undefined,
                        open: false,
                        lat: undefined,
                        lng: undefined,
                      })
                    }
                  >
                    {t.clearFilters}
                  </Button>
                )}
              </Flex>
            }
          />
        }
        header={
          <Typography.Text type="secondary" data-testid="activity-total">
            {fmt(t.total, { n: q.data?.total ?? 0 })}
          </Typography.Text>
        }
      />
    </Flex>
  );
}
