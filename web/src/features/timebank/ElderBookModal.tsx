import { useRef, useState } from 'react';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { adminMenu, bookForElder, keys, newKey, type Account } from './api.ts';
import { deliveryBody, deliveryDefaults, DeliveryFields, type DeliveryValues } from './DeliveryFields.tsx';
import { deliveryMessages } from './deliveryMessages.ts';
import { adminTimebankMessages } from './messages.ts';

/**
 * An administrator books a service for a priority elder from the points granted to them. A service
 * delivered as a dispatch order becomes a proxy order (代点单): placed on the elder's behalf by the
 * administrator, with the elder's consent noted, never an order of the administrator's own.
 */
export function ElderBookModal({
  region,
  elder,
  onClose,
}: {
  region: string;
  elder: Account;
  onClose: () => void;
}) {
  const t = useMessages(adminTimebankMessages);
  const d = useMessages(deliveryMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{
    menuItemId: string;
    note?: string;
    consentNote?: string;
    delivery?: DeliveryValues;
  }>();
  const [busy, setBusy] = useState(false);
  // One key per attempt, kept until it succeeds: a retry replays instead of booking twice.
  const attempt = useRef(newKey());
  const menu = useQuery({
    queryKey: [...keys.admin(region), 'menu'],
    queryFn: ({ signal }) => adminMenu(region, signal),
  });
  const items = (menu.data?.items ?? []).filter((m) => m.active);
  const chosen = Form.useWatch('menuItemId', form);
  const dispatched = items.find((m) => m.id === chosen)?.dispatchItem ?? null;
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await bookForElder(
        {
          region,
          accountId: elder.id,
          menuItemId: v.menuItemId,
          ...(v.note ? { note: v.note } : {}),
          ...(dispatched && v.delivery
            ? { delivery: deliveryBody(v.delivery), consentNote: v.consentNote?.trim() ?? '' }
            : {}),
        },
        attempt.current,
      );
      attempt.current = newKey();
      void message.success(d.elderBooked);
      await qc.invalidateQueries({ queryKey: keys.admin(region) });
      onClose();
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={fmt(d.elderBookTitle, { name: elder.label ?? '', n: elder.balance })}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={{ delivery: deliveryDefaults() }}>
        <Form.Item name="menuItemId" label={t.serviceName} rules={[{ required: true }]}>
          <Select
            loading={menu.isPending}
            options={items.map((m) => ({
              value: m.id,
              label: `${m.name} · ${m.points} ${t.points}`,
              disabled: m.points > elder.balance,
            }))}
          />
        </Form.Item>
        {dispatched && (
          <>
            <DeliveryFields item={dispatched} />
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={d.proxyNote} />
            <Form.Item
              name="consentNote"
              label={d.consent}
              rules={[{ required: true, whitespace: true, max: 200, message: d.consentRequired }]}
            >
              <Input placeholder={d.consentHint} maxLength={200} />
            </Form.Item>
          </>
        )}
        <Form.Item name="note" label={t.note}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
