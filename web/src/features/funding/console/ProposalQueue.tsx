import { useState } from 'react';
import { App, Button, Flex, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import {
  attachmentUrl,
  award,
  firstReview,
  FUNDING_KEY,
  toFen,
  yuan,
  type Proposal,
  type Round,
} from '../api.ts';
import { fundingMessages } from '../messages.ts';

export const PROPOSAL_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'orange',
  returned: 'red',
  passed: 'blue',
  withdrawn: 'default',
  awarded: 'gold',
};

/** The round's proposals, ranked by weighted score: first review (pass / return with a reason) and awards. */
export function ProposalQueue({
  round,
  items,
  loading,
}: {
  round: Round;
  items: Proposal[];
  loading: boolean;
}) {
  const t = useMessages(fundingMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [returning, setReturning] = useState<Proposal | null>(null);
  const [reason, setReason] = useState('');
  const [awarding, setAwarding] = useState<Proposal | null>(null);
  const [tierId, setTierId] = useState<string>();
  const [amount, setAmount] = useState<number | null>(null);
  const done = () => {
    void qc.invalidateQueries({ queryKey: FUNDING_KEY });
    void message.success(t.done);
  };
  const onError = (e: Error) => void message.error(e.message);
  const review = useMutation({
    mutationFn: (v: { id: string; pass: boolean; reason: string }) => firstReview(v.id, v.pass, v.reason),
    onSuccess: () => (setReturning(null), setReason(''), done()),
    onError,
  });
  const give = useMutation({
    mutationFn: () => award(awarding!.id, tierId!, toFen(amount ?? 0)),
    onSuccess: () => (setAwarding(null), done()),
    onError,
  });
  const canReview = round.state === 'open' || round.state === 'reviewing';
  return (
    <>
      <Table<Proposal>
        rowKey="id"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t.empty }}
        expandable={{
          expandedRowRender: (p) => (
            <Flex vertical gap={4}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                {p.summary}
              </Typography.Paragraph>
              <Typography.Text type="secondary">{p.goals}</Typography.Text>
              {p.budgetLines.map((l, i) => (
                <span key={i}>
                  {l.item}：{yuan(l.amountFen)}
                </span>
              ))}
              {p.attachments.map((a) => (
                <a key={a.id} href={attachmentUrl(p.id, a.id)} target="_blank" rel="noreferrer">
                  {a.name}
                </a>
              ))}
            </Flex>
          ),
        }}
        columns={[
          { title: t.title, dataIndex: 'title', width: 200 },
          { title: t.org, dataIndex: 'orgName', width: 180 },
          { title: t.tier, dataIndex: 'tierName', width: 100 },
          { title: t.budget, width: 120, render: (_: unknown, p) => yuan(p.budgetFen) },
          {
            title: t.score,
            width: 110,
            render: (_: unknown, p) =>
              p.score === null ? (
                '—'
              ) : (
                <Space direction="vertical" size={0}>
                  <b>{p.score}</b>
                  <Typography.Text type="secondary">{fmt(t.scoredBy, { n: p.scoredBy })}</Typography.Text>
                </Space>
              ),
          },
          {
            title: t.state,
            width: 130,
            render: (_: unknown, p) => (
              <Tag color={PROPOSAL_COLORS[p.state]}>
                {p.award
                  ? fmt(t.awarded, { amount: yuan(p.award.amountFen), tier: p.award.tierName })
                  : t[`ps_${p.state}`]}
              </Tag>
            ),
          },
          {
            title: '',
            width: 200,
            render: (_: unknown, p) => (
              <Space wrap>
                {canReview && p.state === 'submitted' && (
                  <>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => review.mutate({ id: p.id, pass: true, reason: '' })}
                    >
                      {t.pass}
                    </Button>
                    <Button size="small" danger onClick={() => setReturning(p)}>
                      {t.return}
                    </Button>
                  </>
                )}
                {round.state === 'reviewing' && p.state === 'passed' && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      setAwarding(p);
                      setTierId(p.tierId);
                      setAmount(p.budgetFen / 100);
                    }}
                  >
                    {t.awardAction}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!returning}
        title={t.returnReason}
        onCancel={() => setReturning(null)}
        okButtonProps={{ disabled: !reason.trim(), loading: review.isPending }}
        onOk={() => review.mutate({ id: returning!.id, pass: false, reason: reason.trim() })}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label={t.returnReason}
        />
      </Modal>
      <Modal
        open={!!awarding}
        title={`${t.awardAction} · ${awarding?.title ?? ''}`}
        onCancel={() => setAwarding(null)}
        okButtonProps={{ disabled: !tierId || !amount, loading: give.isPending }}
        onOk={() => give.mutate()}
      >
        <Flex vertical gap={8}>
          <Typography.Text>
            {fmt(t.budgetUsed, {
              used: yuan(round.awardedFen),
              left: yuan(round.budgetFen - round.awardedFen),
            })}
          </Typography.Text>
          <Select
            value={tierId}
            onChange={setTierId}
            aria-label={t.tierName}
            options={round.tiers.map((x) => ({
              value: x.id,
              label: fmt(t.tierUsage, { name: x.name, cap: yuan(x.capFen), used: x.awarded, count: x.count }),
              disabled: x.awarded >= x.count,
            }))}
          />
          <InputNumber
            value={amount}
            onChange={setAmount}
            min={0.01}
            precision={2}
            addonBefore={t.awardAmount}
            style={{ width: '100%' }}
          />
        </Flex>
      </Modal>
    </>
  );
}
