import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Select, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { POLICY_KINDS, type PolicyKind } from '@yiqi/shared/contracts/insurance';
import { useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { FormDialog, TableDialogPage } from '../common/TableDialogPage.tsx';
import { ReasonModal } from '../common/ReasonModal.tsx';
import { createPolicy, keys, policies, withdrawPolicy, type Policy } from './api.ts';
import { CoverageLookup } from './CoverageLookup.tsx';
import { insuranceMessages } from './messages.ts';

type Day = { format: (f: string) => string };
interface NewPolicy {
  kind: PolicyKind;
  region: string;
  activityId?: string;
  insurer: string;
  policyNo: string;
  cover: string;
  limits: string;
  range: [Day, Day];
}

/** 志愿者保险 — the policies of the caller's regions, entering and withdrawing them, and the lookup. */
export default function PoliciesPage() {
  const t = useMessages(insuranceMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const regions = me.roles.filter((r) => r.role === 'region_admin');
  const q = useQuery({ queryKey: keys.policies, queryFn: ({ signal }) => policies(signal) });
  const [creating, setCreating] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Policy | null>(null);
  const [form] = Form.useForm<NewPolicy>();
  const kind = Form.useWatch('kind', form);
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.policies });
  const create = useMutation({
    mutationFn: (v: NewPolicy) =>
      createPolicy({
        kind: v.kind,
        region: v.region,
        activityId: v.kind === 'activity' ? (v.activityId?.trim() ?? null) : null,
        insurer: v.insurer,
        policyNo: v.policyNo,
        cover: v.cover,
        limits: v.limits,
        validFrom: v.range[0].format('YYYY-MM-DD'),
        validTo: v.range[1].format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      void message.success(t.done);
      refresh();
    },
    onError: (e: Error) => void message.error(e.message),
  });

  return (
    <TableDialogPage<Policy>
      title={t.title}
      intro={t.intro}
      action={{ label: t.newPolicy, onClick: () => setCreating(true) }}
      query={q}
      emptyText={t.empty}
      table={{
        // Fits a 1280-px console without scrolling: the insurer and its policy number share a cell, and
        // the status and action stay pinned on the right when a narrow window does scroll.
        scroll: { x: 960 },
        columns: [
          { title: t.kind, width: 120, render: (_, p) => <Tag>{t[p.kind]}</Tag> },
          {
            title: t.region,
            width: 160,
            render: (_, p) => p.activityTitle ?? p.regionName ?? p.regionCode,
          },
          {
            title: `${t.insurer} / ${t.policyNo}`,
            render: (_, p) => (
              <>
                <div>{p.insurer}</div>
                <Typography.Text type="secondary" copyable={{ text: p.policyNo }}>
                  {p.policyNo}
                </Typography.Text>
              </>
            ),
          },
          { title: t.limits, dataIndex: 'limits', width: 200 },
          {
            title: t.period,
            width: 120,
            render: (_, p) => (
              <>
                {p.validFrom}
                <br />– {p.validTo}
              </>
            ),
          },
          {
            title: t.status,
            width: 90,
            fixed: 'right',
            render: (_, p) =>
              p.withdrawnAt ? (
                <Typography.Text type="secondary" title={p.withdrawReason ?? ''}>
                  {t.withdrawn}
                </Typography.Text>
              ) : (
                <Tag color="green">{t.live}</Tag>
              ),
          },
          {
            title: t.actions,
            width: 100,
            fixed: 'right',
            render: (_, p) =>
              !p.withdrawnAt && <Button onClick={() => setWithdrawing(p)}>{t.withdraw}</Button>,
          },
        ],
      }}
    >
      <CoverageLookup />
      <FormDialog<NewPolicy>
        open={creating}
        title={t.newPolicy}
        form={form}
        pending={create.isPending}
        okText={t.ok}
        cancelText={t.cancel}
        initialValues={{ region: regions[0]?.scopeId, kind: 'region_year' }}
        onCancel={() => setCreating(false)}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
          <Select options={POLICY_KINDS.map((k) => ({ value: k, label: t[k] }))} />
        </Form.Item>
        <Form.Item name="region" label={t.region} rules={[{ required: true }]}>
          <Select options={regions.map((r) => ({ value: r.scopeId, label: r.scopeName }))} />
        </Form.Item>
        {kind === 'activity' && (
          <Form.Item name="activityId" label={t.activityId} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="insurer" label={t.insurer} rules={[{ required: true, min: 2, max: 80 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="policyNo" label={t.policyNo} rules={[{ required: true, min: 3, max: 64 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="cover" label={t.cover} rules={[{ required: true, min: 2, max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item name="limits" label={t.limits} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="range" label={t.period} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormDialog>
      <ReasonModal
        open={withdrawing !== null}
        title={`${t.withdraw} · ${withdrawing?.policyNo ?? ''}`}
        label={t.withdrawReason}
        requiredMessage={t.withdrawReason}
        okText={t.withdraw}
        min={2}
        max={200}
        onSubmit={async (reason) => {
          await withdrawPolicy(withdrawing!.id, reason);
          void message.success(t.done);
          refresh();
        }}
        onClose={() => setWithdrawing(null)}
      />
    </TableDialogPage>
  );
}
