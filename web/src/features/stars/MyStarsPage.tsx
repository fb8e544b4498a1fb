import { App, Button, Card, Empty, Flex, Popconfirm, Progress, Rate, Skeleton, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { applyStar, keys, myBadges, myStars, type StarApplication } from './api.ts';
import { BadgesCard } from './BadgesCard.tsx';
import { starMessages } from './messages.ts';

const STATUS_COLOR = {
  submitted: 'processing',
  noticed: 'warning',
  certified: 'success',
  rejected: 'default',
} as const;

/** /m/stars — star level, progress to the next, applying, applications and badges. */
export default function MyStarsPage() {
  const t = useMessages(starMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: keys.mine, queryFn: ({ signal }) => myStars(signal) });
  const badges = useQuery({ queryKey: keys.badges, queryFn: ({ signal }) => myBadges(signal) });
  const apply = useMutation({
    mutationFn: (level: number) => applyStar(level),
    onSuccess: () => {
      void message.success(t.applied);
      void qc.invalidateQueries({ queryKey: keys.mine });
    },
    onError: (e) => void message.error(e.message),
  });

  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  const p = q.data;
  const next = p.next;
  const percent = next ? Math.min(100, Math.floor((p.countedHours / next.hoursNeeded) * 100)) : 100;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.myTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.myIntro}</Typography.Text>
      <Card size="small" data-testid="star-progress">
        <Flex vertical gap={8}>
          <Flex align="center" gap={8} wrap>
            <Rate disabled count={5} value={p.level} style={{ fontSize: 22 }} />
            <Typography.Text strong>{p.level ? fmt(t.starsN, { n: p.level }) : t.noStar}</Typography.Text>
          </Flex>
          <Typography.Text>{fmt(t.hours, { h: p.hours })}</Typography.Text>
          {p.platformOnly && (
            <Typography.Text type="secondary">{fmt(t.counted, { h: p.countedHours })}</Typography.Text>
          )}
          {next ? (
            <>
              <Progress percent={percent} size="small" strokeColor="#d4380d" />
              <Typography.Text type="secondary">
                {fmt(t.next, { n: next.level, h: next.hoursNeeded })}
                {next.tenureMonths > 0 && ` · ${fmt(t.tenure, { m: next.tenureMonths })}`}
              </Typography.Text>
              {p.barredUntil && <Tag color="error">{fmt(t.barred, { d: p.barredUntil })}</Tag>}
              <Popconfirm
                title={fmt(t.applyConfirm, { n: next.level })}
                okText={t.ok}
                cancelText={t.cancel}
                onConfirm={() => apply.mutate(next.level)}
                disabled={!p.canApply}
              >
                <Button type="primary" block size="large" disabled={!p.canApply} loading={apply.isPending}>
                  {fmt(t.apply, { n: next.level })}
                </Button>
              </Popconfirm>
            </>
          ) : (
            <Typography.Text>{t.top}</Typography.Text>
          )}
        </Flex>
      </Card>
      <BadgesCard badges={badges.data?.items ?? []} />
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t.applications}
      </Typography.Title>
      {p.applications.length === 0 ? (
        <Empty description={t.emptyApplications} />
      ) : (
        p.applications.map((a) => <ApplicationCard key={a.id} a={a} />)
      )}
    </Flex>
  );
}

function ApplicationCard({ a }: { a: StarApplication }) {
  const t = useMessages(starMessages);
  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>{fmt(t.starsN, { n: a.level })}</Typography.Text>
        <Tag color={STATUS_COLOR[a.status]}>{t[a.status]}</Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {a.certifyingRegionName} · {a.appliedAt.slice(0, 10)}
      </Typography.Text>
      {a.status === 'noticed' && a.noticeUntil && (
        <Typography.Text>{fmt(t.noticeUntil, { d: a.noticeUntil })}</Typography.Text>
      )}
      {a.reviewReason && <Typography.Paragraph style={{ margin: 0 }}>{a.reviewReason}</Typography.Paragraph>}
    </Card>
  );
}
