import { Button, Empty, Flex, Pagination, Segmented, Skeleton, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { listMySignups, MY_SIGNUPS_KEY, type When } from './api.ts';
import { CalendarCard } from './CalendarCard.tsx';
import { myMessages } from './my.messages.ts';
import { MySignupCard } from './MySignupCard.tsx';

const WHEN: When[] = ['upcoming', 'past', 'all'];
const PAGE_SIZE = 10;

/** /m/my-activities — my sign-ups (upcoming, past or all), cancelling, attendance and my calendar. */
export default function MyActivitiesPage() {
  const t = useMessages(myMessages);
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const raw = params.get('when') as When | null;
  const when: When = raw && WHEN.includes(raw) ? raw : 'upcoming';
  const page = Number(params.get('page')) || 1;
  const q = useQuery({
    queryKey: [...MY_SIGNUPS_KEY, when, page],
    queryFn: ({ signal }) => listMySignups({ when, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const go = (w: When, p = 1) => {
    const next = new URLSearchParams();
    if (w !== 'upcoming') next.set('when', w);
    if (p > 1) next.set('page', String(p));
    setParams(next);
  };

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      <Segmented
        block
        value={when}
        onChange={(v) => go(v as When)}
        options={WHEN.map((w) => ({ value: w, label: t[w] }))}
      />
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.items.length === 0 ? (
        <Empty
          description={
            <Flex vertical gap={8} align="center">
              <span>{when === 'upcoming' ? t.emptyUpcoming : when === 'past' ? t.emptyPast : t.empty}</span>
              <Typography.Text type="secondary">{t.emptyHint}</Typography.Text>
              <Button type="primary" onClick={() => navigate('/m/activities')}>
                {t.browse}
              </Button>
            </Flex>
          }
        />
      ) : (
        <Flex vertical gap={8} style={{ opacity: q.isPlaceholderData ? 0.6 : 1 }}>
          {q.data.items.map((s) => (
            <MySignupCard key={s.id} s={s} />
          ))}
          {q.data.total > PAGE_SIZE && (
            <Pagination
              simple
              align="center"
              current={page}
              pageSize={PAGE_SIZE}
              total={q.data.total}
              onChange={(p) => go(when, p)}
            />
          )}
        </Flex>
      )}
      <CalendarCard />
    </Flex>
  );
}
