import { App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../lib/api.ts';
import { chinaNow, fromPicker } from '../../lib/china-time.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { PageTitle } from '../common/PageTitle.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { getMenu, proxyOrder } from './api.ts';
import { dispatchMessages } from './messages.ts';

interface Values {
  region: string;
  itemId: string;
  residentName: string;
  phone: string;
  address: string;
  preferredAt: Dayjs;
  description: string;
  consentNote: string;
}

/**
 * /dispatch/proxy — 代点单: station or post staff order for a resident without a phone account (an elderly
 * resident at the counter, on the phone to the station). Recorded as a proxy order under the staff member's
 * name with the resident's consent noted; the server refuses it without consent or outside their area.
 */
export default function ProxyOrderPage() {
  const t = useMessages(dispatchMessages);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const region = Form.useWatch('region', form);
  const menu = useQuery({
    queryKey: ['dispatch-menu', region],
    queryFn: ({ signal }) => getMenu(region!, signal),
    enabled: Boolean(region),
  });
  const m = useMutation({
    mutationFn: (v: Values) =>
      proxyOrder({
        itemId: v.itemId,
        region: v.region,
        residentName: v.residentName,
        phone: v.phone,
        address: v.address,
        preferredAt: fromPicker(v.preferredAt),
        description: v.description,
        consentNote: v.consentNote,
        photos: [],
      }),
    onSuccess: (o) => {
      void message.success(t.proxySubmitted);
      navigate(`/dispatch/orders/${o.id}`);
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <>
      <PageTitle title={t.proxyTitle} />
      <Typography.Paragraph type="secondary">{t.proxyHint}</Typography.Paragraph>
      <Card style={{ maxWidth: 720 }}>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => m.mutate(v)}
          initialValues={{ preferredAt: chinaNow().add(2, 'day').hour(9).startOf('hour') }}
        >
          <Form.Item name="region" label={t.community} rules={[{ required: true }]}>
            <RegionPicker minLevel={5} />
          </Form.Item>
          <Form.Item name="itemId" label={t.proxyItem} rules={[{ required: true }]}>
            <Select
              disabled={!region}
              loading={menu.isFetching}
              placeholder={region ? undefined : t.chooseCommunity}
              options={(menu.data?.items ?? []).map((i) => ({
                value: i.id,
                label: `${i.category} · ${i.title}（${i.unitName}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="residentName" label={t.residentName} rules={[{ required: true, max: 50 }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="phone" label={t.phone} rules={[{ required: true }]}>
            <Input inputMode="tel" maxLength={20} />
          </Form.Item>
          <Form.Item name="address" label={t.address} rules={[{ required: true, max: 200 }]}>
            <Input placeholder={t.addressHint} />
          </Form.Item>
          <Form.Item name="preferredAt" label={t.preferredAt} rules={[{ required: true }]}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label={t.description} rules={[{ required: true, max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount />
          </Form.Item>
          <Form.Item
            name="consentNote"
            label={t.consentNote}
            extra={t.consentHint}
            rules={[{ required: true, whitespace: true, max: 200, message: t.consentRequired }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={m.isPending}>
            {t.submit}
          </Button>
        </Form>
      </Card>
    </>
  );
}
