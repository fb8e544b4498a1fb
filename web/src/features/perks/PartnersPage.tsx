import { useState } from 'react';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LIMIT_PERIODS, PARTNER_KINDS } from '@yiqi/shared/contracts/perks';
import { useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { FormDialog, TableDialogPage } from '../common/TableDialogPage.tsx';
import { addStaff, createPartner, createPerk, keys, partnerPerks, partners, type Partner } from './api.ts';
import { perkMessages } from './messages.ts';

/** 优待商家 — partners in the caller's regions, their counter staff and their perks. */
export default function PartnersPage() {
  const t = useMessages(perkMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const regions = me.roles.filter((r) => r.role === 'region_admin');
  const q = useQuery({ queryKey: keys.partners, queryFn: ({ signal }) => partners(signal) });
  const [creating, setCreating] = useState(false);
  const [staffFor, setStaffFor] = useState<Partner | null>(null);
  const [perkFor, setPerkFor] = useState<Partner | null>(null);
  const [form] = Form.useForm();
  const [staffForm] = Form.useForm();
  const [perkForm] = Form.useForm();
  const ok = () => {
    void message.success(t.done);
    void qc.invalidateQueries({ queryKey: keys.partners });
  };
  const fail = (e: Error) => void message.error(e.message);
  const create = useMutation({
    mutationFn: createPartner,
    onSuccess: () => {
      setCreating(false);
      form.resetFields();
      ok();
    },
    onError: fail,
  });
  const staff = useMutation({
    mutationFn: (v: { username: string }) => addStaff(staffFor!.id, v.username),
    onSuccess: () => {
      setStaffFor(null);
      staffForm.resetFields();
      ok();
    },
    onError: fail,
  });
  const perk = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      createPerk(perkFor!.id, {
        title: v.title as string,
        minStar: v.minStar as number,
        minHours: (v.minHours as number) ?? 0,
        discounts: [0, 1, 2, 3, 4, 5].map((i) => Number((v as Record<string, number>)[`d${i}`] ?? 0)),
        validFrom: (
          v.range as [{ format: (f: string) => string }, { format: (f: string) => string }]
        )[0].format('YYYY-MM-DD'),
        validUntil: (
          v.range as [{ format: (f: string) => string }, { format: (f: string) => string }]
        )[1].format('YYYY-MM-DD'),
        quotaTotal: (v.quotaTotal as number | undefined) ?? null,
        perPersonLimit: v.perPersonLimit as number,
        limitPeriod: v.limitPeriod as (typeof LIMIT_PERIODS)[number],
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.perks(perkFor!.id) });
      setPerkFor(null);
      perkForm.resetFields();
      ok();
    },
    onError: fail,
  });

  return (
    <TableDialogPage<Partner>
      title={t.partnersTitle}
      action={{ label: t.newPartner, onClick: () => setCreating(true) }}
      query={q}
      emptyText={t.emptyPartners}
      table={{
        expandable: { expandedRowRender: (p) => <PerkList partnerId={p.id} /> },
        columns: [
          { title: t.name, dataIndex: 'name' },
          { title: t.kind, render: (_, p) => <Tag>{t[p.kind]}</Tag> },
          { title: t.staff, dataIndex: 'staff' },
          { title: t.perks, dataIndex: 'perks' },
          {
            title: t.actions,
            render: (_, p) => (
              <Space wrap>
                <Button onClick={() => setStaffFor(p)}>{t.addStaff}</Button>
                <Button onClick={() => setPerkFor(p)}>{t.newPerk}</Button>
              </Space>
            ),
          },
        ],
      }}
    >
      <FormDialog
        open={creating}
        title={t.newPartner}
        form={form}
        pending={create.isPending}
        okText={t.ok}
        cancelText={t.cancel}
        initialValues={{ region: regions[0]?.scopeId, kind: 'scenic_spot' }}
        onCancel={() => setCreating(false)}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="region" label={t.region} rules={[{ required: true }]}>
          <Select options={regions.map((r) => ({ value: r.scopeId, label: r.scopeName }))} />
        </Form.Item>
        <Form.Item name="name" label={t.name} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
          <Select options={PARTNER_KINDS.map((k) => ({ value: k, label: t[k] }))} />
        </Form.Item>
        <Form.Item name="address" label={t.address} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
      </FormDialog>
      <FormDialog
        open={staffFor !== null}
        title={`${t.addStaff} · ${staffFor?.name ?? ''}`}
        form={staffForm}
        pending={staff.isPending}
        okText={t.ok}
        cancelText={t.cancel}
        onCancel={() => setStaffFor(null)}
        onFinish={(v) => staff.mutate(v)}
      >
        <Form.Item name="username" label={t.username} rules={[{ required: true, max: 64 }]}>
          <Input />
        </Form.Item>
      </FormDialog>
      <FormDialog
        open={perkFor !== null}
        title={`${t.newPerk} · ${perkFor?.name ?? ''}`}
        form={perkForm}
        pending={perk.isPending}
        okText={t.ok}
        cancelText={t.cancel}
        onCancel={() => setPerkFor(null)}
        initialValues={{
          minStar: 1,
          minHours: 0,
          d0: 0,
          d1: 20,
          d2: 30,
          d3: 40,
          d4: 50,
          d5: 100,
          perPersonLimit: 1,
          limitPeriod: 'day',
        }}
        onFinish={(v) => perk.mutate(v)}
      >
        <Form.Item name="title" label={t.title} rules={[{ required: true, max: 100 }]}>
          <Input />
        </Form.Item>
        <Space>
          <Form.Item name="minStar" label={t.minStar} rules={[{ required: true }]}>
            <InputNumber min={0} max={5} />
          </Form.Item>
          <Form.Item name="minHours" label={t.minHours}>
            <InputNumber min={0} max={100000} />
          </Form.Item>
        </Space>
        <Typography.Text>{t.discounts}</Typography.Text>
        <Space wrap style={{ marginTop: 8 }}>
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <Form.Item key={i} name={`d${i}`} label={`${i}★`} rules={[{ required: true }]}>
              <InputNumber min={0} max={100} style={{ width: 70 }} />
            </Form.Item>
          ))}
        </Space>
        <Form.Item name="range" label={`${t.validFrom} – ${t.validTo}`} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="quotaTotal" label={t.quota}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="perPersonLimit" label={t.perPerson} rules={[{ required: true }]}>
            <InputNumber min={1} max={1000} />
          </Form.Item>
          <Form.Item name="limitPeriod" label={t.period} rules={[{ required: true }]}>
            <Select style={{ width: 110 }} options={LIMIT_PERIODS.map((p) => ({ value: p, label: t[p] }))} />
          </Form.Item>
        </Space>
      </FormDialog>
    </TableDialogPage>
  );
}

function PerkList({ partnerId }: { partnerId: string }) {
  const t = useMessages(perkMessages);
  const q = useQuery({
    queryKey: keys.perks(partnerId),
    queryFn: ({ signal }) => partnerPerks(partnerId, signal),
  });
  return (
    <Table
      rowKey="id"
      size="small"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      pagination={false}
      columns={[
        { title: t.title, dataIndex: 'title' },
        { title: t.minStar, dataIndex: 'minStar' },
        { title: t.discounts, render: (_, p) => p.discounts.join(' / ') },
        { title: t.validTo, render: (_, p) => `${p.validFrom} – ${p.validUntil}` },
        { title: t.quota, render: (_, p) => (p.quotaTotal ? `${p.quotaUsed}/${p.quotaTotal}` : p.quotaUsed) },
      ]}
    />
  );
}
