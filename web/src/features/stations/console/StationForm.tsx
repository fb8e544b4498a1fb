import { useEffect } from 'react';
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { STATION_KINDS } from '@yiqi/shared/contracts/stations';
import { useMessages } from '../../../lib/i18n.tsx';
import { isApiError } from '../../../lib/api.ts';
import { MapPicker } from '../../activities/console/MapPicker.tsx';
import { RegionPicker } from '../../regions/RegionPicker.tsx';
import { createStation, getStationForEdit, STATIONS_KEY, updateStation, type StationInput } from '../api.ts';
import { stationMessages } from '../messages.ts';

interface Values {
  kind: StationInput['kind'];
  name: string;
  region: string;
  address: string;
  lat?: number;
  lng?: number;
  openingHours?: string;
  services?: string[];
  phone?: string;
  description?: string;
}

/**
 * Adds or edits a station in a drawer. The point is held in WGS-84 (what the API stores, decision 0026); the
 * map picker draws it on the tiles' system and converts clicks back.
 */
export function StationForm({
  id,
  open,
  onClose,
}: {
  id: string | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useMessages(stationMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const current = useQuery({
    queryKey: [...STATIONS_KEY, 'edit', id],
    queryFn: () => getStationForEdit(id!),
    enabled: !!id && open,
  });
  useEffect(() => {
    if (!open) return;
    if (!id) form.resetFields();
    else if (current.data) {
      const s = current.data;
      form.setFieldsValue({
        kind: s.kind,
        name: s.name,
        region: s.regionCode,
        address: s.address,
        lat: s.lat,
        lng: s.lng,
        openingHours: s.openingHours,
        services: s.services,
        phone: s.phone ?? '',
        description: s.description,
      });
    }
  }, [open, id, current.data]);
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: StationInput = {
        kind: v.kind,
        name: v.name,
        region: v.region,
        address: v.address,
        lat: v.lat!,
        lng: v.lng!,
        openingHours: v.openingHours ?? '',
        services: v.services ?? [],
        phone: v.phone ? v.phone : null,
        description: v.description ?? '',
        activityIds: current.data?.activities.map((a) => a.id) ?? [],
      };
      return id ? updateStation(id, body) : createStation(body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: STATIONS_KEY });
      void message.success(t.saved);
      onClose();
    },
    onError: (e) => {
      if (isApiError(e, 'STATION_PHONE_NOT_PUBLIC')) form.setFields([{ name: 'phone', errors: [e.message] }]);
      else void message.error(e.message);
    },
  });
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={id ? t.edit : t.add}
      width={560}
      destroyOnHidden
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t.cancel}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t.save}
          </Button>
        </Flex>
      }
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={{ kind: 'station', services: [] }}
      >
        <Form.Item name="kind" label={t.kind} rules={[{ required: true }]}>
          <Select options={STATION_KINDS.map((k) => ({ value: k, label: t[`kind_${k}`] }))} />
        </Form.Item>
        <Form.Item name="name" label={t.name} rules={[{ required: true, min: 2, max: 80 }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="region" label={t.region} rules={[{ required: true }]}>
          <RegionPicker minLevel={3} />
        </Form.Item>
        <Form.Item name="address" label={t.address} rules={[{ required: true, min: 2, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t.point} required>
          <MapPicker
            value={lat !== undefined && lng !== undefined ? { lat, lng } : null}
            system="wgs84"
            onPick={(p) =>
              form.setFieldsValue({ lat: Number(p.lat.toFixed(6)), lng: Number(p.lng.toFixed(6)) })
            }
          />
        </Form.Item>
        <Flex gap={8}>
          <Form.Item name="lat" label={t.lat} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="lng" label={t.lng} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="openingHours" label={t.openingHours} rules={[{ max: 120 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="services" label={t.services} extra={t.servicesHint}>
          <Select mode="tags" maxCount={20} open={false} />
        </Form.Item>
        <Form.Item name="phone" label={t.phone} extra={t.phoneHint}>
          <Input maxLength={32} inputMode="tel" />
        </Form.Item>
        <Form.Item name="description" label={t.description}>
          <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
