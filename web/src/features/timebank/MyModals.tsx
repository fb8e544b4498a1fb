import { useRef, useState } from 'react';
import { App, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FAMILY_RELATIONS } from '@yiqi/shared/contracts/timebank';
import { RELATION_NAMES } from '@yiqi/shared/timebank-names';
import { ApiError } from '../../lib/api.ts';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import {
  book,
  getMenu,
  keys,
  newKey,
  registerFamily,
  sendTransfer,
  type Account,
  type MyTimebank,
} from './api.ts';
import { deliveryBody, deliveryDefaults, DeliveryFields, type DeliveryValues } from './DeliveryFields.tsx';
import { myTimebankMessages } from './messages.ts';

type Own = MyTimebank['accounts'][number];

/** One idempotency key per attempt, kept until it succeeds (a retry replays instead of moving twice). */
function useAttemptKey() {
  const k = useRef(newKey());
  return { key: () => k.current, done: () => (k.current = newKey()) };
}

function useSubmit() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>, ok: string, close: () => void) => {
    setBusy(true);
    try {
      await fn();
      void message.success(ok);
      await qc.invalidateQueries({ queryKey: keys.mine });
      close();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

/** Give points to a registered family member, or donate them to the pool (confirmed first). */
export function GiveModal({
  account,
  family,
  onClose,
}: {
  account: Own;
  family: Account[];
  onClose: () => void;
}) {
  const t = useMessages(myTimebankMessages);
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ to: string; amount: number }>();
  const attempt = useAttemptKey();
  const { busy, run } = useSubmit();
  const options = family
    .filter((f) => f.schemeId === account.schemeId)
    .map((f) => ({ value: f.id, label: f.label ?? '' }));
  const submit = async () => {
    const v = await form.validateFields();
    modal.confirm({
      title: fmt(t.confirmGive, { n: v.amount }),
      onOk: () =>
        run(
          async () => {
            await sendTransfer(
              {
                fromAccountId: account.id,
                to: v.to === 'pool' ? { kind: 'pool' } : { kind: 'family', accountId: v.to },
                amount: v.amount,
              },
              attempt.key(),
            );
            attempt.done();
          },
          t.sent,
          onClose,
        ),
    });
  };
  return (
    <Modal
      open
      title={t.giveTitle}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
    >
      <Form form={form} layout="vertical" initialValues={{ to: 'pool', amount: 1 }}>
        <Form.Item name="to" label={t.to} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[{ value: 'pool', label: t.pool }, ...options]}
            style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
          />
        </Form.Item>
        <Form.Item name="amount" label={`${t.amount}（≤ ${account.balance}）`} rules={[{ required: true }]}>
          <InputNumber
            min={1}
            max={Math.max(1, account.balance)}
            precision={0}
            size="large"
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Book a service from the scheme's menu for oneself or a family member: the points are held. A service
 * delivered as a dispatch order also asks where, when and whom to call (the order the booking places).
 */
export function BookModal({
  account,
  family,
  onClose,
}: {
  account: Own;
  family: Account[];
  onClose: () => void;
}) {
  const t = useMessages(myTimebankMessages);
  const [form] = Form.useForm<{
    accountId: string;
    menuItemId: string;
    note?: string;
    delivery?: DeliveryValues;
  }>();
  const attempt = useAttemptKey();
  const { busy, run } = useSubmit();
  const qc = useQueryClient();
  const menu = useQuery({
    queryKey: keys.menu(account.schemeId),
    queryFn: ({ signal }) => getMenu(account.schemeId, signal),
  });
  const chosen = Form.useWatch('menuItemId', form);
  const dispatched = menu.data?.items.find((m) => m.id === chosen)?.dispatchItem ?? null;
  const payers = [
    { value: account.id, label: `${t.own}（${fmt(t.points, { n: account.balance })}）` },
    ...family
      .filter((f) => f.schemeId === account.schemeId)
      .map((f) => ({ value: f.id, label: `${f.label}（${fmt(t.points, { n: f.balance })}）` })),
  ];
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      async () => {
        await book(
          {
            accountId: v.accountId,
            menuItemId: v.menuItemId,
            ...(v.note ? { note: v.note } : {}),
            ...(dispatched && v.delivery ? { delivery: deliveryBody(v.delivery) } : {}),
          },
          attempt.key(),
        );
        attempt.done();
        await qc.invalidateQueries({ queryKey: keys.bookings });
      },
      t.booked,
      onClose,
    );
  };
  return (
    <Modal
      open
      title={t.bookTitle}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ accountId: account.id, delivery: deliveryDefaults() }}
      >
        <Form.Item name="accountId" label={t.payer} rules={[{ required: true }]}>
          <Select size="large" options={payers} />
        </Form.Item>
        <Form.Item name="menuItemId" label={t.service} rules={[{ required: true }]}>
          <Select
            size="large"
            loading={menu.isPending}
            notFoundContent={t.menuEmpty}
            options={(menu.data?.items ?? []).map((m) => ({
              value: m.id,
              label: `${m.name} · ${fmt(t.points, { n: m.points })}`,
            }))}
          />
        </Form.Item>
        {dispatched && <DeliveryFields item={dispatched} />}
        <Form.Item name="note" label={t.note}>
          <Input size="large" maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Register a close family member who may receive points and use them for services. */
export function FamilyModal({ account, onClose }: { account: Own; onClose: () => void }) {
  const t = useMessages(myTimebankMessages);
  const text = useText();
  const [form] = Form.useForm<{ name: string; relation: string }>();
  const { busy, run } = useSubmit();
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      () => registerFamily({ schemeId: account.schemeId, name: v.name, relation: v.relation }),
      t.addFamily,
      onClose,
    );
  };
  return (
    <Modal
      open
      title={t.addFamily}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ size: 'large' }}
      cancelButtonProps={{ size: 'large' }}
    >
      <Form form={form} layout="vertical" initialValues={{ relation: 'parent' }}>
        <Form.Item name="name" label={t.familyName} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input size="large" />
        </Form.Item>
        <Form.Item name="relation" label={t.relation} rules={[{ required: true }]}>
          <Select
            size="large"
            options={FAMILY_RELATIONS.map((r) => ({ value: r, label: text(RELATION_NAMES[r]) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
