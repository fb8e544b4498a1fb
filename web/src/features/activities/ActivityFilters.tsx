import { useState, type ReactNode } from 'react';
import { App, Button, Col, DatePicker, Flex, Row, Select, Switch, Typography } from 'antd';
import { AimOutlined, CloseOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { CategoryFilter } from '../common/CategorySelect.tsx';
import { commonMessages } from '../common/messages.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import type { Filters } from './filters.ts';
import { GeoError, getPosition } from './geo.ts';
import { activityMessages } from './messages.ts';

const RADII = [1, 3, 5, 10, 20, 50];
const round = (x: number) => Math.round(x * 1e4) / 1e4;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      {children}
    </Flex>
  );
}

/** Category, area, dates, open places and distance for the activity search. */
export function ActivityFilters({ f, set }: { f: Filters; set: (patch: Partial<Filters>) => void }) {
  const t = useMessages(activityMessages);
  const c = useMessages(commonMessages);
  const { message } = App.useApp();
  const [locating, setLocating] = useState(false);
  const near = f.lat !== undefined;

  const toggleNear = async (on: boolean) => {
    if (!on) return set({ lat: undefined, lng: undefined, r: undefined });
    setLocating(true);
    try {
      const p = await getPosition();
      set({ lat: round(p.lat), lng: round(p.lng), r: f.r ?? 10 });
    } catch (e) {
      const unsupported = e instanceof GeoError && e.reason === 'unsupported';
      void message.error(unsupported ? t.locationUnsupported : t.locationFailed);
    } finally {
      setLocating(false);
    }
  };
  const day = (v: string | undefined) => (v ? dayjs(v) : null);

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} md={12}>
        <Field label={t.region}>
          <Flex gap={4}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <RegionPicker
                value={f.region}
                minLevel={2}
                placeholder={t.anyRegion}
                onChange={(region) => set({ region })}
              />
            </div>
            {f.region && (
              <Button
                icon={<CloseOutlined aria-hidden />}
                aria-label={t.clearRegion}
                onClick={() => set({ region: undefined })}
              />
            )}
          </Flex>
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <Field label={c.categories}>
          <CategoryFilter value={f.category} onChange={(category) => set({ category })} />
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <Field label={`${t.from} – ${t.to}`}>
          <Flex gap={8}>
            <DatePicker
              value={day(f.from)}
              placeholder={t.from}
              inputReadOnly
              style={{ flex: 1 }}
              disabledDate={(d) => Boolean(f.to && d.isAfter(f.to, 'day'))}
              onChange={(d) => set({ from: d ? d.format('YYYY-MM-DD') : undefined })}
            />
            <DatePicker
              value={day(f.to)}
              placeholder={t.to}
              inputReadOnly
              style={{ flex: 1 }}
              disabledDate={(d) => Boolean(f.from && d.isBefore(f.from, 'day'))}
              onChange={(d) => set({ to: d ? d.format('YYYY-MM-DD') : undefined })}
            />
          </Flex>
        </Field>
      </Col>
      <Col xs={24} md={12}>
        <Flex vertical gap={10} style={{ paddingTop: 4 }}>
          <label style={{ display: 'flex', gap: 8, alignItems: 'center', cursor: 'pointer' }}>
            <Switch
              size="small"
              checked={f.open}
              onChange={(open) => set({ open })}
              data-testid="open-only"
            />
            {t.openOnly}
          </label>
          <Flex gap={8} align="center" wrap>
            <label style={{ display: 'flex', gap: 8, alignItems: 'center', cursor: 'pointer' }}>
              <Switch
                size="small"
                checked={near}
                loading={locating}
                onChange={(on) => void toggleNear(on)}
                data-testid="near-me"
              />
              <AimOutlined aria-hidden /> {locating ? t.locating : t.nearMe}
            </label>
            {near && (
              <Select
                size="small"
                value={f.r ?? 0}
                onChange={(r: number) => set({ r: r || undefined })}
                style={{ minWidth: 120 }}
                options={[
                  { value: 0, label: t.radiusAny },
                  ...RADII.map((n) => ({ value: n, label: fmt(t.radiusKm, { n }) })),
                ]}
              />
            )}
          </Flex>
        </Flex>
      </Col>
    </Row>
  );
}
