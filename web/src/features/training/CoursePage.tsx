import { useState } from 'react';
import { Alert, Button, Card, Flex, Radio, Skeleton, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { attempt, course, TRAINING_KEY, type AttemptResult, type CourseDetail } from './api.ts';
import { trainingMessages } from './messages.ts';
import { useQualificationTypes } from './useTypes.ts';

/** /m/training/:id — a course's material and its quiz (graded by the server). */
export default function CoursePage() {
  const { id = '' } = useParams();
  const t = useMessages(trainingMessages);
  const { nameOf } = useQualificationTypes();
  const q = useQuery({ queryKey: [...TRAINING_KEY, 'course', id], queryFn: () => course(id) });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  const c = q.data;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {c.title}
      </Typography.Title>
      <Flex gap={4} wrap>
        <Tag color={c.mode === 'online' ? 'blue' : 'green'}>{c.mode === 'online' ? t.online : t.offline}</Tag>
        {c.qualificationCode && <Tag color="gold">{fmt(t.grants, { q: nameOf(c.qualificationCode) })}</Tag>}
      </Flex>
      <Typography.Text type="secondary">{fmt(t.owner, { owner: c.ownerName })}</Typography.Text>
      {c.description && <Typography.Paragraph style={{ margin: 0 }}>{c.description}</Typography.Paragraph>}
      {(c.material || c.materialUrl) && (
        <Card size="small" title={t.material}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {c.material}
          </Typography.Paragraph>
          {c.materialUrl && (
            <a href={c.materialUrl} target="_blank" rel="noreferrer noopener">
              {t.materialLink}
            </a>
          )}
        </Card>
      )}
      {c.completed ? (
        // Also what a volunteer sees right after passing: the refreshed course replaces the quiz.
        <Alert
          type="success"
          showIcon
          message={t.completed}
          description={
            c.qualificationCode ? fmt(t.passedGrant, { q: nameOf(c.qualificationCode) }) : undefined
          }
          action={<Link to="/m/training/mine">{t.myLink}</Link>}
        />
      ) : c.mode === 'offline' ? (
        <Alert
          type="info"
          showIcon
          message={t.offlineHint}
          action={c.activityId ? <Link to={`/activities/${c.activityId}`}>{t.goActivity}</Link> : undefined}
        />
      ) : (
        <>
          {c.renewal && <Alert type="warning" showIcon message={t.renewal} data-testid="renewal" />}
          <Quiz c={c} />
        </>
      )}
    </Flex>
  );
}

function Quiz({ c }: { c: CourseDetail }) {
  const t = useMessages(trainingMessages);
  const { nameOf } = useQualificationTypes();
  const qc = useQueryClient();
  const [answers, setAnswers] = useState<(number | undefined)[]>(c.quiz.map(() => undefined));
  const [result, setResult] = useState<AttemptResult | null>(null);
  const submit = useMutation({
    mutationFn: () => attempt(c.id, answers as number[]),
    onSuccess: (r) => {
      setResult(r);
      void qc.invalidateQueries({ queryKey: TRAINING_KEY });
    },
  });
  const complete = answers.every((a) => a !== undefined);
  return (
    <Card size="small" title={t.quiz} extra={fmt(t.passMark, { n: c.quiz.length, pass: c.passMark })}>
      <Flex vertical gap={16}>
        {c.quiz.map((q, i) => (
          <fieldset key={i} style={{ border: 0, margin: 0, padding: 0 }}>
            <legend style={{ fontWeight: 600, marginBottom: 8 }}>
              {i + 1}. {q.text}
            </legend>
            <Radio.Group
              value={answers[i]}
              onChange={(e) => setAnswers((a) => a.map((x, j) => (j === i ? (e.target.value as number) : x)))}
            >
              <Flex vertical gap={8}>
                {q.options.map((o, k) => (
                  <Radio key={k} value={k} style={{ minHeight: 32 }}>
                    {o}
                  </Radio>
                ))}
              </Flex>
            </Radio.Group>
          </fieldset>
        ))}
        {submit.isError && <Alert type="error" showIcon message={submit.error.message} />}
        {result &&
          (result.passed ? (
            <Alert
              type="success"
              showIcon
              message={fmt(t.passed, { correct: result.correct, total: result.total })}
              description={
                result.qualificationId ? fmt(t.passedGrant, { q: nameOf(c.qualificationCode) }) : undefined
              }
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              message={fmt(t.failed, { correct: result.correct, total: result.total, pass: result.passMark })}
            />
          ))}
        {!result?.passed && (
          <Button
            type="primary"
            size="large"
            disabled={!complete}
            loading={submit.isPending}
            onClick={() => submit.mutate()}
          >
            {complete ? t.submit : t.answerAll}
          </Button>
        )}
        {c.attempts > 0 && (
          <Typography.Text type="secondary">{fmt(t.attempts, { n: c.attempts })}</Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
