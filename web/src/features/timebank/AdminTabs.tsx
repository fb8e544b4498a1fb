import { useRef, useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import {
  addElder,
  adminBookings,
  cancelBooking,
  decideGrant,
  keys,
  listAccounts,
  listGrants,
  newKey,
  proposeGrant,
  settleBooking,
  type Account,
  type Booking,
} from './api.ts';
import { deliveryMessages } from './deliveryMessages.ts';
import { ElderBookModal } from './ElderBookModal.tsx';
import { adminTimebankMessages } from './messages.ts';

function useAct(region: string) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      void message.success(ok);
      await qc.invalidateQueries({ queryKey: keys.admin(region) });
      return true;
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
      return false;
    }
  };
}

/** Priority elders and grants: one administrator proposes, another approves (the proposer cannot). */
export function GrantsTab({ region }: { region: string }) {
  const t = useMessages(adminTimebankMessages);
  const act = useAct(region);
  const { modal } = App.useApp();
  const [elder] = Form.useForm<{ name: string; note: string }>();
  const [grant] = Form.useForm<{ elderAccountId: string; amount: number; reason: string }>();
  const elders = useQuery({
    queryKey: [...keys.admin(region), 'elders'],
    queryFn: ({ signal }) => listAccounts(region, 1, 'elder', signal),
  });
  const grants = useQuery({
    queryKey: [...keys.admin(region), 'grants'],
    queryFn: ({ signal }) => listGrants(region, signal),
  });
  const decideKey = useRef(new Map<string, string>());
  const d = useMessages(deliveryMessages);
  const [booking, setBooking] = useState<Account | null>(null);
  const decide = (id: string, decision: 'approve' | 'refuse') => {
    const k = decideKey.current.get(id) ?? newKey();
    decideKey.current.set(id, k);
    return act(() => decideGrant({ region, grantId: id, decision }, k), t.done);
  };
  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t.elders}>
        <Form form={elder} layout="inline" style={{ rowGap: 8 }}>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input placeholder={t.elderName} />
          </Form.Item>
          <Form.Item name="note" rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input placeholder={t.elderNote} style={{ width: 240 }} />
          </Form.Item>
          <Button
            onClick={async () => {
              const v = await elder.validateFields();
              if (await act(() => addElder({ region, ...v }), t.done)) elder.resetFields();
            }}
          >
            {t.addElder}
          </Button>
        </Form>
        <List
          style={{ marginTop: 12 }}
          size="small"
          dataSource={elders.data?.items ?? []}
          renderItem={(e) => (
            <List.Item
              actions={[
                <Button key="book" disabled={e.balance <= 0} onClick={() => setBooking(e)}>
                  {d.elderBook}
                </Button>,
              ]}
            >
              <Typography.Text strong>{e.label}</Typography.Text>
              <Typography.Text type="secondary">
                {e.note} · {e.balance} {t.points}
              </Typography.Text>
            </List.Item>
          )}
        />
      </Card>
      {booking && <ElderBookModal region={region} elder={booking} onClose={() => setBooking(null)} />}
      <Card size="small" title={t.propose}>
        <Form form={grant} layout="inline" style={{ rowGap: 8 }}>
          <Form.Item name="elderAccountId" rules={[{ required: true }]}>
            <Select
              placeholder={t.elderName}
              style={{ minWidth: 160 }}
              options={(elders.data?.items ?? []).map((e) => ({ value: e.id, label: e.label }))}
            />
          </Form.Item>
          <Form.Item name="amount" rules={[{ required: true }]}>
            <InputNumber min={1} precision={0} placeholder={t.amount} />
          </Form.Item>
          <Form.Item name="reason" rules={[{ required: true, whitespace: true, max: 200 }]}>
            <Input placeholder={t.reason} style={{ width: 240 }} />
          </Form.Item>
          <Button
            type="primary"
            onClick={async () => {
              const v = await grant.validateFields();
              if (await act(() => proposeGrant({ region, ...v }), t.proposed)) grant.resetFields();
            }}
          >
            {t.propose}
          </Button>
        </Form>
      </Card>
      {grants.isError ? (
        <ErrorResult error={grants.error} onRetry={() => void grants.refetch()} />
      ) : (
        <Table
          rowKey="id"
          loading={grants.isPending}
          dataSource={grants.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={t.grantsEmpty} /> }}
          scroll={{ x: 720 }}
          columns={[
            { title: t.elderName, dataIndex: 'elderName' },
            { title: t.amount, dataIndex: 'amount', align: 'right' },
            { title: t.reason, dataIndex: 'reason' },
            { title: t.proposer, dataIndex: 'proposedBy' },
            { title: t.time, dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
            {
              title: '',
              key: 'act',
              render: (_: unknown, g) =>
                g.status !== 'proposed' ? (
                  <Tag color={g.status === 'approved' ? 'green' : 'default'}>
                    {t[`status_${g.status}`]} · {g.decidedBy}
                  </Tag>
                ) : g.canDecide ? (
                  <Flex gap={8}>
                    <Button
                      type="primary"
                      onClick={() =>
                        modal.confirm({
                          title: fmt(t.confirmApprove, { n: g.amount, name: g.elderName ?? '' }),
                          onOk: () => decide(g.id, 'approve'),
                        })
                      }
                    >
                      {t.approve}
                    </Button>
                    <Popconfirm title={t.refuse} onConfirm={() => decide(g.id, 'refuse')}>
                      <Button>{t.refuse}</Button>
                    </Popconfirm>
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">{t.ownProposal}</Typography.Text>
                ),
            },
          ]}
        />
      )}
    </Flex>
  );
}

/** The scheme's bookings: settle a delivered one (at most what was held) or cancel it. */
export function BookingsTab({ region }: { region: string }) {
  const t = useMessages(adminTimebankMessages);
  const act = useAct(region);
  const q = useQuery({
    queryKey: [...keys.admin(region), 'bookings'],
    queryFn: ({ signal }) => adminBookings(region, signal),
  });
  const [settling, setSettling] = useState<Booking | null>(null);
  const [form] = Form.useForm<{ points: number; deliveryRef?: string }>();
  const settleKey = useRef(newKey());
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  return (
    <>
      <Table
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t.bookingsEmpty} /> }}
        scroll={{ x: 720 }}
        columns={[
          {
            title: t.serviceName,
            dataIndex: 'service',
            render: (v: string, b) => (
              <Flex vertical>
                {v}
                {b.orderId && <Link to={`/dispatch/orders/${b.orderId}`}>{t.dispatchOrder}</Link>}
              </Flex>
            ),
          },
          { title: t.account, render: (_: unknown, b) => b.payerLabel ?? b.payerKind },
          { title: t.points, dataIndex: 'held', align: 'right' },
          { title: t.time, dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          {
            title: '',
            key: 'act',
            render: (_: unknown, b) =>
              b.status === 'held' ? (
                <Flex gap={8}>
                  <Button
                    type="primary"
                    onClick={() => (form.setFieldsValue({ points: b.held }), setSettling(b))}
                  >
                    {t.settle}
                  </Button>
                  <Popconfirm
                    title={t.confirmCancel}
                    onConfirm={() => act(() => cancelBooking({ region, bookingId: b.id }, newKey()), t.done)}
                  >
                    <Button>{t.cancel}</Button>
                  </Popconfirm>
                </Flex>
              ) : (
                <Tag>{b.status === 'settled' ? `${t.settle} ${b.settled}` : t.cancel}</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={settling !== null}
        title={settling?.service}
        onCancel={() => setSettling(null)}
        onOk={async () => {
          const v = await form.validateFields();
          const ok = await act(
            () =>
              settleBooking(
                {
                  region,
                  bookingId: settling!.id,
                  points: v.points,
                  ...(v.deliveryRef ? { deliveryRef: v.deliveryRef } : {}),
                },
                settleKey.current,
              ),
            t.done,
          );
          if (ok) {
            settleKey.current = newKey();
            setSettling(null);
          }
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="points" label={t.settlePoints} rules={[{ required: true }]}>
            <InputNumber min={0} max={settling?.held ?? 0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="deliveryRef" label={t.deliveryRef}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
