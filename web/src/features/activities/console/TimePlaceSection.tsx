import { Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { GEOFENCE_MODES } from '@yiqi/shared/contracts/activities';
import { COORD_SYSTEMS } from '@yiqi/shared/geo/coords';
import { useMessages } from '../../../lib/i18n.tsx';
import { RegionPicker } from '../../regions/RegionPicker.tsx';
import { activityFormMessages } from './form.messages.ts';
import type { ActivityFormValues } from './form.ts';
import { MapPicker } from './MapPicker.tsx';

const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/** When and where (Beijing time), and whether check-in must happen on site. */
export function TimePlaceSection() {
  const f = useMessages(activityFormMessages);
  const form = Form.useFormInstance<ActivityFormValues>();
  const geofence = Form.useWatch('geofenceMode', form);
  const fenced = geofence !== undefined && geofence !== 'off';
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);
  const coordSystem = Form.useWatch('coordSystem', form) ?? 'gcj02';
  const coordinate = (name: 'lat' | 'lng', min: number, max: number, label: string) => (
    <Form.Item
      noStyle
      name={name}
      dependencies={['geofenceMode', name === 'lat' ? 'lng' : 'lat']}
      rules={[
        ({ getFieldValue }) => ({
          validator: (_, v: number | null | undefined) => {
            const other = getFieldValue(name === 'lat' ? 'lng' : 'lat') as number | null | undefined;
            if (v == null && (fenced || other != null)) return Promise.reject(new Error(f.coordsRequired));
            return Promise.resolve();
          },
        }),
      ]}
    >
      <InputNumber
        min={min}
        max={max}
        step={0.000001}
        precision={6}
        prefix={label}
        aria-label={label}
        style={{ width: '50%' }}
      />
    </Form.Item>
  );

  return (
    <Card title={f.sectionTimePlace}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="startsAt"
            label={f.startsAt}
            rules={[{ required: true, message: f.startsRequired }]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="endsAt"
            label={f.endsAt}
            dependencies={['startsAt']}
            rules={[
              { required: true, message: f.endsRequired },
              ({ getFieldValue }) => ({
                validator: (_, v: Dayjs | undefined) => {
                  const start = getFieldValue('startsAt') as Dayjs | undefined;
                  return !v || !start || v.isAfter(start)
                    ? Promise.resolve()
                    : Promise.reject(new Error(f.endsAfterStart));
                },
              }),
            ]}
          >
            <DatePicker showTime={{ format: 'HH:mm' }} format={TIME_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="regionCode"
            label={f.region}
            rules={[{ required: true, message: f.regionRequired }]}
          >
            <RegionPicker minLevel={3} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="address"
            label={f.address}
            rules={[{ required: true, whitespace: true, message: f.addressRequired }]}
          >
            <Input maxLength={200} placeholder={f.addressPlaceholder} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={f.coords} extra={f.coordsHint} required={fenced}>
            <Space.Compact block>
              {coordinate('lat', -90, 90, f.lat)}
              {coordinate('lng', -180, 180, f.lng)}
            </Space.Compact>
          </Form.Item>
          {/* Which map the numbers came from: they are converted to WGS-84 on saving (form.ts stored). */}
          <Form.Item name="coordSystem" label={f.coordSystem}>
            <Select
              aria-label={f.coordSystem}
              options={COORD_SYSTEMS.map((s) => ({ value: s, label: f[`coord_${s}`] }))}
              style={{ maxWidth: 240 }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={f.mapPick}>
            <MapPicker
              value={lat != null && lng != null ? { lat, lng } : null}
              system={coordSystem}
              onPick={(p) =>
                form.setFieldsValue({
                  lat: Math.round(p.lat * 1e6) / 1e6,
                  lng: Math.round(p.lng * 1e6) / 1e6,
                })
              }
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="geofenceMode" label={f.geofence} extra={f.geofenceHint}>
            <Radio.Group
              optionType="button"
              options={GEOFENCE_MODES.map((m) => ({ value: m, label: f[`geofence_${m}`] }))}
            />
          </Form.Item>
        </Col>
        {fenced && (
          <Col xs={24} md={12}>
            <Form.Item
              name="radiusM"
              label={f.radius}
              rules={[{ required: true, message: f.radiusRequired }]}
            >
              <InputNumber min={10} max={50000} step={50} suffix={f.metres} style={{ width: 200 }} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </Card>
  );
}
