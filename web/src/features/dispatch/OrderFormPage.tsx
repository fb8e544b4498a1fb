import { useState } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ApiError } from '../../lib/api.ts';
import { placeOrder, type MenuItemViewT } from './api.ts';
import { dispatchMessages } from './messages.ts';
import { PhotosPick } from './PhotosPick.tsx';
import { chinaNow, fromPicker } from '../../lib/china-time.ts';

interface Values {
  description: string;
  address: string;
  preferredAt: Dayjs;
  phone: string;
}

/**
 * /m/orders/new?item=&region= — the order form (点单): need, address, preferred time, contact phone and up
 * to three photos (optional).
 */
export default function OrderFormPage() {
  const t = useMessages(dispatchMessages);
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const item = (useLocation().state as { item?: MenuItemViewT } | null)?.item;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [photos, setPhotos] = useState<string[]>([]);
  const m = useMutation({
    mutationFn: (v: Values) =>
      placeOrder({
        itemId: params.get('item'),
        region: params.get('region'),
        description: v.description,
        address: v.address,
        preferredAt: fromPicker(v.preferredAt),
        phone: v.phone,
        photos: photos.map((data) => ({ data })),
      }),
    onSuccess: () => {
      void message.success(t.submitted);
      void qc.invalidateQueries({ queryKey: ['my-dispatch-orders'] });
      navigate('/m/orders');
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {fmt(t.orderTitle, { title: item?.title ?? '' })}
      </Typography.Title>
      {item && <Typography.Text type="secondary">{item.description}</Typography.Text>}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => m.mutate(v)}
        initialValues={{ preferredAt: chinaNow().add(2, 'day').hour(9).startOf('hour') }}
      >
        <Form.Item name="description" label={t.description} rules={[{ required: true, max: 1000 }]}>
          <Input.TextArea rows={4} placeholder={t.descriptionHint} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item name="address" label={t.address} rules={[{ required: true, max: 200 }]}>
          <Input placeholder={t.addressHint} autoComplete="street-address" />
        </Form.Item>
        <Form.Item name="preferredAt" label={t.preferredAt} rules={[{ required: true }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            inputReadOnly
          />
        </Form.Item>
        <Form.Item name="phone" label={t.phone} extra={t.phoneHint} rules={[{ required: true }]}>
          <Input inputMode="tel" autoComplete="tel" maxLength={20} />
        </Form.Item>
        <Form.Item>
          <PhotosPick value={photos} onChange={setPhotos} testId="order-photos" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={m.isPending} className="yiqi-touch">
          {t.submit}
        </Button>
      </Form>
    </Flex>
  );
}
