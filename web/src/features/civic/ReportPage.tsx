import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { CIVIC_CATEGORIES } from '@yiqi/shared/contracts/civic';
import type { LatLng } from '@yiqi/shared/geo/coords';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { MapPicker } from '../activities/console/MapPicker.tsx';
import { getPosition } from '../activities/geo.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { CIVIC_KEY, fileReport, type CivicCategory } from './api.ts';
import { civicMessages } from './messages.ts';
import { PhotoPick } from './PhotoPick.tsx';
import { formatDay } from '../../lib/format.ts';

interface Values {
  category: CivicCategory;
  description: string;
  region: string;
  anonymous: boolean;
}

/** /m/civic/report — 随手拍: category, ≤ 120 characters, area, a map point (WGS-84), near and far photos. */
export default function ReportPage() {
  const t = useMessages(civicMessages);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [point, setPoint] = useState<LatLng | null>(null);
  const [near, setNear] = useState<string>();
  const [far, setFar] = useState<string>();
  const [missing, setMissing] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const send = useMutation({
    mutationFn: (v: Values) =>
      fileReport({ ...v, lat: point!.lat, lng: point!.lng, near: { data: near! }, far: { data: far! } }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: CIVIC_KEY });
      const due = formatDay(r.dueAt);
      void message.success(
        r.unitName ? fmt(t.submitted, { unit: r.unitName, due }) : fmt(t.submittedNoUnit, { due }),
        6,
      );
      navigate('/m/civic');
    },
    onError: (e) => void message.error(e.message),
  });
  const submit = (v: Values) => {
    if (!point) return setMissing(t.pointRequired);
    if (!near || !far) return setMissing(t.photoRequired);
    setMissing(null);
    send.mutate(v);
  };
  const locate = async () => {
    setLocating(true);
    try {
      const p = await getPosition(true);
      setPoint({ lat: p.lat, lng: p.lng });
    } catch {
      void message.warning(t.pointRequired);
    } finally {
      setLocating(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <div>
        <Typography.Title level={3} style={{ margin: '4px 0' }}>
          {t.reportTitle}
        </Typography.Title>
        <Typography.Text type="secondary">{t.reportIntro}</Typography.Text>
      </div>
      <Card size="small">
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ anonymous: false }}
          requiredMark
        >
          <Form.Item name="category" label={t.category} rules={[{ required: true }]}>
            <Select
              size="large"
              options={CIVIC_CATEGORIES.map((c) => ({ value: c, label: t[`cat_${c}`] }))}
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t.description}
            extra={t.descriptionHint}
            rules={[{ required: true, max: 120 }]}
          >
            <Input.TextArea maxLength={120} showCount autoSize={{ minRows: 2, maxRows: 4 }} />
          </Form.Item>
          <Form.Item name="region" label={t.region} rules={[{ required: true }]}>
            <RegionPicker minLevel={3} />
          </Form.Item>
          <Form.Item label={t.point} required>
            <Flex vertical gap={8}>
              <Button
                icon={<AimOutlined aria-hidden />}
                loading={locating}
                onClick={() => void locate()}
                style={{ minHeight: 44 }}
              >
                {t.useLocation}
              </Button>
              <MapPicker value={point} system="wgs84" onPick={setPoint} />
              {point && (
                <Typography.Text type="secondary" data-testid="civic-point">
                  {fmt(t.pointSet, { lat: point.lat.toFixed(5), lng: point.lng.toFixed(5) })}
                </Typography.Text>
              )}
            </Flex>
          </Form.Item>
          <Flex gap={12} wrap style={{ marginBottom: 16 }}>
            <PhotoPick label={t.near} hint={t.nearHint} value={near} onChange={setNear} testId="photo-near" />
            <PhotoPick label={t.far} hint={t.farHint} value={far} onChange={setFar} testId="photo-far" />
          </Flex>
          <Form.Item name="anonymous" label={t.anonymous} extra={t.anonymousHint} valuePropName="checked">
            <Switch />
          </Form.Item>
          {missing && <Alert type="error" showIcon message={missing} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block size="large" loading={send.isPending}>
            {t.submit}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
