import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { addMenuItem, adminMenu, dispatchChoices, keys, listSchemes, saveScheme } from './api.ts';
import { adminTimebankMessages } from './messages.ts';

interface SchemeForm {
  name: string;
  minutesPerPoint: number;
  spendThresholdMinutes: number;
  balanceCap: number | null;
  expiryDays: number | null;
}

/** The region's scheme rules (opening it if there is none) and its service menu. */
export function SchemeTab({ region }: { region: string }) {
  const t = useMessages(adminTimebankMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SchemeForm>();
  const [busy, setBusy] = useState(false);
  const schemes = useQuery({
    queryKey: [...keys.admin(region), 'schemes'],
    queryFn: ({ signal }) => listSchemes(signal),
  });
  const scheme = schemes.data?.items.find((s) => s.regionCode === region);
  useEffect(() => {
    if (scheme) form.setFieldsValue(scheme);
  }, [scheme, form]);
  const save = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await saveScheme({ region, ...v, balanceCap: v.balanceCap ?? null, expiryDays: v.expiryDays ?? null });
      void message.success(t.saved);
      await qc.invalidateQueries({ queryKey: keys.admin(region) });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  if (schemes.isError) return <ErrorResult error={schemes.error} onRetry={() => void schemes.refetch()} />;
  if (schemes.isPending) return <Skeleton active />;
  return (
    <Flex vertical gap={12}>
      {!scheme && <Alert type="info" message={t.noScheme} />}
      <Card size="small" title={t.tabScheme}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            minutesPerPoint: 60,
            spendThresholdMinutes: 6000,
            balanceCap: 1500,
            expiryDays: null,
          }}
          style={{ maxWidth: 520 }}
        >
          <Form.Item
            name="name"
            label={t.schemeName}
            rules={[{ required: true, whitespace: true, max: 100 }]}
          >
            <Input />
          </Form.Item>
          <Form.Item name="minutesPerPoint" label={t.minutesPerPoint} rules={[{ required: true }]}>
            <InputNumber min={1} max={6000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="spendThresholdMinutes" label={t.threshold} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="balanceCap" label={t.cap}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="expiryDays" label={t.expiry}>
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {t.save}
          </Button>
        </Form>
      </Card>
      {scheme && <MenuCard region={region} />}
    </Flex>
  );
}

/**
 * The scheme's services. One delivered at home as a dispatch order names the dispatch menu item (of a
 * district centre, street post or community station inside the region) that delivers it: booking it then
 * places that order, and its completion settles the points.
 */
function MenuCard({ region }: { region: string }) {
  const t = useMessages(adminTimebankMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; points: number; dispatchItemId?: string }>();
  const menu = useQuery({
    queryKey: [...keys.admin(region), 'menu'],
    queryFn: ({ signal }) => adminMenu(region, signal),
  });
  const choices = useQuery({
    queryKey: [...keys.admin(region), 'dispatch-items'],
    queryFn: ({ signal }) => dispatchChoices(region, signal),
  });
  const add = async () => {
    const v = await form.validateFields();
    try {
      await addMenuItem({
        region,
        name: v.name,
        points: v.points,
        ...(v.dispatchItemId ? { dispatchItemId: v.dispatchItemId } : {}),
      });
      form.resetFields();
      await qc.invalidateQueries({ queryKey: [...keys.admin(region), 'menu'] });
    } catch (e) {
      void message.error(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <Card size="small" title={t.menu}>
      <Form form={form} layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item name="name" rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input placeholder={t.serviceName} aria-label={t.serviceName} />
        </Form.Item>
        <Form.Item name="points" rules={[{ required: true }]}>
          <InputNumber min={1} precision={0} placeholder={t.points} aria-label={t.points} />
        </Form.Item>
        <Form.Item name="dispatchItemId" extra={t.dispatchItemHint}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t.dispatchItem}
            aria-label={t.dispatchItem}
            loading={choices.isPending}
            notFoundContent={t.dispatchItemsEmpty}
            style={{ minWidth: 280 }}
            options={(choices.data?.items ?? []).map((i) => ({
              value: i.id,
              label: `${i.title} · ${i.unitName}`,
            }))}
          />
        </Form.Item>
        <Button onClick={() => void add()}>{t.addService}</Button>
      </Form>
      <List
        loading={menu.isPending}
        dataSource={menu.data?.items ?? []}
        renderItem={(m) => (
          <List.Item>
            <Space wrap>
              {m.name}
              <span>
                {fmt('{n}', { n: m.points })} {t.points}
              </span>
              {m.dispatchItem ? (
                <Tag color="blue">
                  {fmt(t.deliveredAs, { title: m.dispatchItem.title, unit: m.dispatchItem.unitName })}
                </Tag>
              ) : (
                <Tag>{t.notDispatched}</Tag>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
