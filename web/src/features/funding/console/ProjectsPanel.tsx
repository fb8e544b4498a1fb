import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Input,
  InputNumber,
  List,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import {
  addMilestone,
  attachmentUrl,
  decideReport,
  evaluate,
  FUNDING_KEY,
  yuan,
  type Proposal,
  type Round,
} from '../api.ts';
import { fundingMessages } from '../messages.ts';

/** Funded projects: milestones (added by the owner), the organization's reports (accept / return), evaluation. */
export function ProjectsPanel({ round, items }: { round: Round; items: Proposal[] }) {
  const t = useMessages(fundingMessages);
  if (items.length === 0) return <Empty description={t.empty} />;
  return (
    <Flex vertical gap={12}>
      {items.map((p) => (
        <Project key={p.id} round={round} p={p} />
      ))}
    </Flex>
  );
}

function Project({ round, p }: { round: Round; p: Proposal }) {
  const t = useMessages(fundingMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [ms, setMs] = useState<{ title: string; deliverable: string; due: Dayjs | null }>({
    title: '',
    deliverable: '',
    due: null,
  });
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const done = () => {
    void qc.invalidateQueries({ queryKey: FUNDING_KEY });
    void message.success(t.done);
  };
  const onError = (e: Error) => void message.error(e.message);
  const add = useMutation({
    mutationFn: () =>
      addMilestone(p.id, {
        title: ms.title,
        deliverable: ms.deliverable,
        dueOn: ms.due!.format('YYYY-MM-DD'),
      }),
    onSuccess: () => (setMs({ title: '', deliverable: '', due: null }), done()),
    onError,
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; accept: boolean }) =>
      decideReport(v.id, v.accept, v.accept ? '' : '请补充材料'),
    onSuccess: done,
    onError,
  });
  const rate = useMutation({
    mutationFn: () => evaluate(p.id, score ?? 0, comment),
    onSuccess: done,
    onError,
  });
  return (
    <Card
      size="small"
      title={p.title}
      extra={
        <Tag color="gold">
          {fmt(t.awarded, { amount: yuan(p.award?.amountFen ?? 0), tier: p.award?.tierName ?? '' })}
        </Tag>
      }
    >
      <Typography.Text type="secondary">{p.orgName}</Typography.Text>
      <List
        size="small"
        dataSource={p.milestones}
        locale={{ emptyText: t.empty }}
        renderItem={(m) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <span>
                <b>{m.title}</b> · {m.deliverable} · {t.dueOn} {m.dueOn}
              </span>
              {m.reports.map((r) => (
                <Flex key={r.id} gap={8} wrap align="center">
                  <Tag color={r.state === 'accepted' ? 'green' : r.state === 'returned' ? 'red' : 'orange'}>
                    {t[`rs_${r.state}`]}
                  </Tag>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{r.text}</span>
                  {r.attachments.map((a) => (
                    <a key={a.id} href={attachmentUrl(p.id, a.id)} target="_blank" rel="noreferrer">
                      {a.name}
                    </a>
                  ))}
                  {r.state === 'submitted' && (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => decide.mutate({ id: r.id, accept: true })}
                      >
                        {t.accept}
                      </Button>
                      <Button size="small" danger onClick={() => decide.mutate({ id: r.id, accept: false })}>
                        {t.return}
                      </Button>
                    </Space>
                  )}
                </Flex>
              ))}
            </Flex>
          </List.Item>
        )}
      />
      {round.state !== 'closed' && (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          <Input
            placeholder={t.milestoneTitle}
            aria-label={t.milestoneTitle}
            value={ms.title}
            onChange={(e) => setMs({ ...ms, title: e.target.value })}
            style={{ maxWidth: 160 }}
          />
          <Input
            placeholder={t.deliverable}
            aria-label={t.deliverable}
            value={ms.deliverable}
            onChange={(e) => setMs({ ...ms, deliverable: e.target.value })}
            style={{ maxWidth: 240 }}
          />
          <DatePicker
            placeholder={t.dueOn}
            aria-label={t.dueOn}
            value={ms.due}
            onChange={(d) => setMs({ ...ms, due: d })}
          />
          <Button
            onClick={() => add.mutate()}
            disabled={!ms.title || !ms.deliverable || !ms.due}
            loading={add.isPending}
          >
            {t.addMilestone}
          </Button>
        </Flex>
      )}
      <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
        <b>{t.evaluation}</b>
        {p.evaluation ? (
          <span>
            {p.evaluation.score} · {p.evaluation.comment}
          </span>
        ) : (
          (round.state === 'awarded' || round.state === 'closed') && (
            <>
              <InputNumber
                min={0}
                max={100}
                value={score}
                onChange={setScore}
                placeholder={t.evaluationScore}
                aria-label={t.evaluationScore}
              />
              <Input
                placeholder={t.comment}
                aria-label={t.comment}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                style={{ maxWidth: 240 }}
              />
              <Button onClick={() => rate.mutate()} disabled={score === null} loading={rate.isPending}>
                {t.evaluate}
              </Button>
            </>
          )
        )}
      </Flex>
    </Card>
  );
}
