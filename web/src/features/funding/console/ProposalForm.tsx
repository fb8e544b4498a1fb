import { useEffect } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Input, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { createProposal, editProposal, FUNDING_KEY, toFen, yuan, type Proposal, type Round } from '../api.ts';
import { fundingMessages } from '../messages.ts';
import { LinesEditor } from './LinesEditor.tsx';

interface Values {
  tierId: string;
  title: string;
  summary: string;
  goals: string;
  lines: { item: string; amount: number }[];
}

/** Writes or edits a proposal: tier, title, summary, goals and budget lines (total shown against the cap). */
export function ProposalForm({
  round,
  orgId,
  proposal,
  open,
  onClose,
}: {
  round: Round | null;
  orgId: string;
  proposal: Proposal | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useMessages(fundingMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const lines = Form.useWatch('lines', form) ?? [];
  const tierId = Form.useWatch('tierId', form);
  const total = lines.reduce((n, l) => n + toFen(l?.amount ?? 0), 0);
  const tiers = round?.tiers ?? [];
  const cap = tiers.find((x) => x.id === tierId)?.capFen;
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      proposal
        ? {
            tierId: proposal.tierId,
            title: proposal.title,
            summary: proposal.summary,
            goals: proposal.goals,
            lines: proposal.budgetLines.map((l) => ({ item: l.item, amount: l.amountFen / 100 })),
          }
        : { lines: [{ item: '', amount: 0 }] },
    );
  }, [open, proposal]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = {
        tierId: v.tierId,
        title: v.title,
        summary: v.summary,
        goals: v.goals,
        budgetLines: v.lines.map((l) => ({ item: l.item, amountFen: toFen(l.amount) })),
      };
      return proposal
        ? editProposal(proposal.id, body)
        : createProposal({ ...body, roundId: round!.id, orgId });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: FUNDING_KEY });
      void message.success(t.saved);
      onClose();
    },
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={round?.name ?? proposal?.roundName}
      width={640}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={save.isPending}>
        <Form.Item name="tierId" label={t.tier} rules={[{ required: true }]}>
          <Select options={tiers.map((x) => ({ value: x.id, label: `${x.name}（≤ ${yuan(x.capFen)}）` }))} />
        </Form.Item>
        <Form.Item name="title" label={t.title} rules={[{ required: true, min: 2, max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="summary" label={t.summary} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item name="goals" label={t.goals} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Typography.Title level={5}>{t.budgetLines}</Typography.Title>
        <LinesEditor
          name="lines"
          columns={[
            { name: 'item', label: t.item },
            { name: 'amount', label: t.amount, number: { min: 0.01, precision: 2 } },
          ]}
          newLine={{ item: '', amount: 0 }}
          keep={1}
        />
        <Typography.Paragraph
          type={cap !== undefined && total > cap ? 'danger' : 'secondary'}
          style={{ marginTop: 8 }}
        >
          {fmt(t.budgetTotal, { amount: yuan(total) })}
          {cap !== undefined && ` / ${yuan(cap)}`}
        </Typography.Paragraph>
        {save.isError && <Alert type="error" showIcon message={save.error.message} />}
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t.save}
          </Button>
        </Flex>
      </Form>
    </Drawer>
  );
}
