import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Input, InputNumber, Skeleton, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { declare, FUNDING_KEY, myReviews, score, yuan, type ReviewItem } from './api.ts';
import { fundingMessages } from './messages.ts';

/**
 * /m/funding/reviews — a reviewer's proposals: declare a conflict of interest (or none) first, then score
 * each criterion within its maximum. With a conflict the proposal is recused and not scored.
 */
export default function ReviewsPage() {
  const t = useMessages(fundingMessages);
  const list = useQuery({ queryKey: [...FUNDING_KEY, 'reviews'], queryFn: myReviews });
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.reviewsTitle}
      </Typography.Title>
      {list.isPending ? (
        <Skeleton active />
      ) : list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t.reviewsEmpty} />
      ) : (
        list.data.items.map((r) => <Review key={r.proposalId} r={r} />)
      )}
    </Flex>
  );
}

function Review({ r }: { r: ReviewItem }) {
  const t = useMessages(fundingMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const [values, setValues] = useState<Record<string, number | null>>({});
  const done = () => {
    void qc.invalidateQueries({ queryKey: FUNDING_KEY });
    void message.success(t.done);
  };
  const onError = (e: Error) => void message.error(e.message);
  const dec = useMutation({
    mutationFn: (conflict: boolean) => declare(r.proposalId, conflict, note),
    onSuccess: done,
    onError,
  });
  const send = useMutation({
    mutationFn: () =>
      score(
        r.proposalId,
        r.criteria.map((c) => ({ criterionId: c.id, score: values[c.id] ?? 0 })),
      ),
    onSuccess: done,
    onError,
  });
  const scored = r.scores.length > 0;
  return (
    <Card size="small" title={r.title} extra={scored ? <Tag color="green">{t.scored}</Tag> : null}>
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          {r.roundName} · {r.orgName} · {fmt(t.budgetTotal, { amount: yuan(r.budgetFen) })}
        </Typography.Text>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.summary}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
          {r.goals}
        </Typography.Paragraph>
        {!r.declaration ? (
          <Alert
            type="warning"
            message={t.coiTitle}
            description={
              <Flex vertical gap={8}>
                <span>{t.coiText}</span>
                <Input
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  placeholder={t.coiNote}
                  aria-label={t.coiNote}
                />
                <Flex gap={8} wrap>
                  <Button
                    type="primary"
                    onClick={() => dec.mutate(false)}
                    loading={dec.isPending}
                    style={{ minHeight: 44 }}
                  >
                    {t.coiNone}
                  </Button>
                  <Button danger onClick={() => dec.mutate(true)} style={{ minHeight: 44 }}>
                    {t.coiHas}
                  </Button>
                </Flex>
              </Flex>
            }
          />
        ) : r.declaration.conflict ? (
          <Alert type="info" message={t.recused} />
        ) : (
          <Flex vertical gap={8}>
            {r.criteria.map((c) => {
              const mine = r.scores.find((s) => s.criterionId === c.id)?.score;
              return (
                <Flex key={c.id} justify="space-between" align="center" gap={8} wrap>
                  <span>
                    {c.name}
                    <Typography.Text type="secondary">
                      {fmt(t.scoreOf, { max: c.maxScore, weight: c.weight })}
                    </Typography.Text>
                  </span>
                  {scored ? (
                    <b>{mine}</b>
                  ) : (
                    <InputNumber
                      min={0}
                      max={c.maxScore}
                      value={values[c.id] ?? null}
                      onChange={(v) => setValues({ ...values, [c.id]: v })}
                      aria-label={c.name}
                    />
                  )}
                </Flex>
              );
            })}
            {!scored && (
              <Button
                type="primary"
                onClick={() => send.mutate()}
                loading={send.isPending}
                disabled={r.criteria.some((c) => values[c.id] == null)}
                style={{ minHeight: 44 }}
              >
                {t.scoreSubmit}
              </Button>
            )}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
