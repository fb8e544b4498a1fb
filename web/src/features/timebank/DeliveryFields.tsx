import { Alert, DatePicker, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import type { Delivery, MenuItem } from './api.ts';
import { deliveryMessages } from './deliveryMessages.ts';

/** What the form holds for a service delivered as a dispatch order (the `delivery` part of a booking). */
export interface DeliveryValues {
  region: string;
  address: string;
  preferredAt: Dayjs;
  phone: string;
  description: string;
}

export const deliveryDefaults = () => ({ preferredAt: dayjs().add(2, 'day').hour(9).startOf('hour') });

/** A mainland mobile as people type it (spaces, dashes, +86); the server normalizes and checks it again. */
const MOBILE = /^(\+?86[\s-]?)?1\d{2}[\s-]?\d{4}[\s-]?\d{4}$/;

export const deliveryBody = (v: DeliveryValues): Delivery => ({
  region: v.region,
  address: v.address.trim(),
  preferredAt: v.preferredAt.toISOString(),
  phone: v.phone.trim(),
  description: v.description.trim(),
});

/**
 * Where, when and whom to call for a time-bank service delivered as a dispatch order (上门服务): the
 * community is chosen inside the area of the unit that delivers it; the rest becomes the order.
 */
export function DeliveryFields({ item }: { item: NonNullable<MenuItem['dispatchItem']> }) {
  const t = useMessages(deliveryMessages);
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={fmt(t.intro, { unit: item.unitName, title: item.title })}
      />
      <Form.Item
        name={['delivery', 'region']}
        label={t.community}
        htmlFor="delivery-community"
        rules={[{ required: true, message: t.communityRequired }]}
      >
        <RegionPicker
          id="delivery-community"
          minLevel={5}
          root={{ code: item.unitCode, name: item.unitName, level: item.unitLevel }}
          placeholder={t.communityPick}
        />
      </Form.Item>
      <Form.Item
        name={['delivery', 'address']}
        label={t.address}
        rules={[{ required: true, whitespace: true, max: 200, message: t.addressRequired }]}
      >
        <Input size="large" placeholder={t.addressHint} autoComplete="street-address" maxLength={200} />
      </Form.Item>
      <Form.Item
        name={['delivery', 'preferredAt']}
        label={t.preferredAt}
        rules={[
          { required: true, message: t.preferredAtRequired },
          {
            validator: (_, v?: Dayjs) =>
              !v || v.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error(t.preferredAtPast)),
          },
        ]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm', minuteStep: 5 }}
          format="YYYY-MM-DD HH:mm"
          size="large"
          style={{ width: '100%' }}
          disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
          inputReadOnly
        />
      </Form.Item>
      <Form.Item
        name={['delivery', 'phone']}
        label={t.phone}
        extra={t.phoneHint}
        rules={[
          { required: true, message: t.phoneRequired },
          { pattern: MOBILE, message: t.phoneInvalid },
        ]}
      >
        <Input size="large" inputMode="tel" autoComplete="tel" maxLength={20} />
      </Form.Item>
      <Form.Item
        name={['delivery', 'description']}
        label={t.description}
        rules={[{ required: true, whitespace: true, max: 1000, message: t.descriptionRequired }]}
      >
        <Input.TextArea rows={3} placeholder={t.descriptionHint} maxLength={1000} showCount />
      </Form.Item>
    </>
  );
}
