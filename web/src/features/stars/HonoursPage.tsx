import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { HONOUR_KINDS, TEN_BEST_LIMIT } from '@yiqi/shared/contracts/stars';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { FormDialog, TableDialogPage } from '../common/TableDialogPage.tsx';
import {
  decideNomination,
  honourRounds,
  keys,
  nominationsOf,
  openRound,
  publishRound,
  type HonourRound,
} from './api.ts';
import { starMessages } from './messages.ts';

/** 评优表彰 — yearly rounds: open, review nominations within the quota, publish as award records. */
export default function HonoursPage() {
  const t = useMessages(starMessages);
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const regions = me.roles.filter((r) => r.role === 'region_admin');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<HonourRound | null>(null);
  const [form] = Form.useForm();
  // 十佳志愿服务组织: at most ten places (the server refuses more).
  const tenBest = Form.useWatch('kind', form) === 'ten_best_teams';
  const q = useQuery({ queryKey: keys.rounds, queryFn: ({ signal }) => honourRounds(signal) });
  const done = () => {
    void message.success(t.done);
    void qc.invalidateQueries({ queryKey: keys.rounds });
  };
  const create = useMutation({
    mutationFn: openRound,
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      done();
    },
    onError: (e) => void message.error(e.message),
  });
  const publish = useMutation({
    mutationFn: publishRound,
    onSuccess: done,
    onError: (e) => void message.error(e.message),
  });

  return (
    <TableDialogPage<HonourRound>
      title={t.honoursTitle}
      action={{ label: t.newRound, onClick: () => setCreating(true) }}
      query={q}
      emptyText={t.emptyRounds}
      table={{
        columns: [
          { title: t.year, dataIndex: 'year' },
          {
            title: t.title,
            render: (_, r) => <Typography.Link onClick={() => setOpen(r)}>{r.title}</Typography.Link>,
          },
          { title: t.kind, render: (_, r) => t[r.kind] },
          { title: t.region, render: (_, r) => r.regionName ?? r.regionCode },
          {
            title: t.quota,
            render: (_, r) => `${fmt(t.nominations, { n: r.nominations, a: r.approved })} · ${r.quota}`,
          },
          { title: t.status, render: (_, r) => <Tag>{t[r.status]}</Tag> },
          {
            title: t.actions,
            render: (_, r) =>
              r.status === 'nominating' && (
                <Button
                  onClick={() =>
                    modal.confirm({
                      title: t.publishConfirm,
                      okText: t.publish,
                      cancelText: t.cancel,
                      onOk: () => publish.mutateAsync(r.id),
                    })
                  }
                >
                  {t.publish}
                </Button>
              ),
          },
        ],
      }}
    >
      <FormDialog
        open={creating}
        title={t.newRound}
        form={form}
        pending={create.isPending}
        okText={t.ok}
        cancelText={t.cancel}
        onCancel={() => setCreating(false)}
        initialValues={{
          region: regions[0]?.scopeId,
          year: new Date().getFullYear(),
          kind: 'hundred_best_volunteers',
          quota: 100,
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="region" label={t.region} rules={[{ required: true }]}>
          <Select options={regions.map((r) => ({ value: r.scopeId, label: r.scopeName }))} />
        </Form.Item>
        <Form.Item name="year" label={t.year} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t.kind}
          rules={[{ required: true }]}
          extra={tenBest ? t.tenBestTeamsHint : undefined}
        >
          <Select
            options={HONOUR_KINDS.map((k) => ({ value: k, label: t[k] }))}
            onChange={(k) => k === 'ten_best_teams' && form.setFieldValue('quota', TEN_BEST_LIMIT)}
          />
        </Form.Item>
        <Form.Item name="title" label={t.title} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="quota" label={t.quota} rules={[{ required: true }]}>
          <InputNumber min={1} max={tenBest ? TEN_BEST_LIMIT : 1000} style={{ width: '100%' }} />
        </Form.Item>
      </FormDialog>
      {open && <NominationsModal round={open} onClose={() => setOpen(null)} />}
    </TableDialogPage>
  );
}

function NominationsModal({ round, onClose }: { round: HonourRound; onClose: () => void }) {
  const t = useMessages(starMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: keys.nominations(round.id),
    queryFn: ({ signal }) => nominationsOf(round.id, signal),
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; approve: boolean }) =>
      decideNomination(v.id, v.approve, v.approve ? t.approved : t.rejected),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.nominations(round.id) });
      void qc.invalidateQueries({ queryKey: keys.rounds });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Modal open width={760} title={round.title} footer={null} onCancel={onClose}>
      <Table
        rowKey="id"
        size="small"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 640 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t.nominee, render: (_, n) => `${n.nominee}${n.volunteerNo ? ` · ${n.volunteerNo}` : ''}` },
          { title: t.org, dataIndex: 'orgName' },
          { title: t.reason, dataIndex: 'reason' },
          { title: t.status, render: (_, n) => <Tag>{t[n.status]}</Tag> },
          {
            title: t.actions,
            render: (_, n) =>
              n.status === 'nominated' &&
              round.status === 'nominating' && (
                <Space>
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => decide.mutate({ id: n.id, approve: true })}
                  >
                    {t.approved}
                  </Button>
                  <Button size="small" onClick={() => decide.mutate({ id: n.id, approve: false })}>
                    {t.rejected}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </Modal>
  );
}
