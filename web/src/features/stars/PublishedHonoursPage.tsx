import { useState } from 'react';
import { Card, Empty, Flex, Select, Skeleton, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { HONOUR_KINDS } from '@yiqi/shared/contracts/stars';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { honourKeys, publishedHonours } from './api.ts';
import { honourMessages } from './honours.messages.ts';
import { starMessages } from './messages.ts';

/**
 * /m/honours — published honours for anyone, signed in or not: each round's honourees, volunteers as the
 * public API gives them (names masked), organizations by name; filtered by year and kind.
 */
export default function PublishedHonoursPage() {
  const t = useMessages(honourMessages);
  const s = useMessages(starMessages);
  const [year, setYear] = useState<number | null>(null);
  const [kind, setKind] = useState<string | null>(null);
  const q = useQuery({ queryKey: honourKeys.published, queryFn: ({ signal }) => publishedHonours(signal) });
  const years = [...new Set((q.data?.items ?? []).map((r) => r.year))].sort((a, b) => b - a);
  const shown = (q.data?.items ?? []).filter(
    (r) => (year === null || r.year === year) && (kind === null || r.kind === kind),
  );
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <Typography.Link href="/">{t.home}</Typography.Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t.publicTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.publicIntro}</Typography.Text>
      <Flex gap={8} wrap>
        <Select
          aria-label={s.year}
          data-testid="honours-year"
          style={{ minWidth: 140 }}
          value={year}
          onChange={setYear}
          options={[
            { value: null, label: t.allYears },
            ...years.map((y) => ({ value: y, label: String(y) })),
          ]}
        />
        <Select
          aria-label={s.kind}
          data-testid="honours-kind"
          style={{ minWidth: 180 }}
          value={kind}
          onChange={setKind}
          options={[
            { value: null, label: t.allKinds },
            ...HONOUR_KINDS.map((k) => ({ value: k, label: s[k] })),
          ]}
        />
      </Flex>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : shown.length === 0 ? (
        <Empty description={t.emptyPublished} />
      ) : (
        shown.map((r) => (
          <Card
            key={r.roundId}
            size="small"
            data-testid="published-round"
            title={<span style={{ whiteSpace: 'normal' }}>{r.title}</span>}
            extra={<Tag>{s[r.kind]}</Tag>}
          >
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {r.year} · {r.regionName ?? ''} · {fmt(t.honourees, { n: r.honourees.length })}
            </Typography.Paragraph>
            <Flex gap={8} wrap>
              {r.honourees.map((h, i) => (
                <Tag key={i} color="gold" data-testid="honouree" style={{ fontSize: 14, padding: '2px 8px' }}>
                  {h}
                </Tag>
              ))}
            </Flex>
          </Card>
        ))
      )}
    </Flex>
  );
}
