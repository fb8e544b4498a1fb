import { wgsToGcj } from '@yiqi/shared/geo/coords';
import { Descriptions, Grid, Space, Tag, Typography } from 'antd';
import { RECRUIT_MODE_NAMES } from '@yiqi/shared/contracts/activities';
import { ROUNDING_RULE_NAMES } from '@yiqi/shared/contracts/records';
import { TARGET_NAMES } from '@yiqi/shared/categories';
import { formatTime } from '../../../lib/format.ts';
import { fmt, useLocale, useMessages, useText } from '../../../lib/i18n.tsx';
import { useCategoryName } from '../../common/CategorySelect.tsx';
import { commonMessages } from '../../common/messages.ts';
import { Places } from './ActivityTable.tsx';
import type { ActivityDetail } from './api.ts';
import { activityFormMessages } from './form.messages.ts';
import { activityMessages } from './messages.ts';
import { RiskTag } from './tags.tsx';
import { timeRange } from './time.ts';

/** Everything the organizer entered about an activity (the contact phone masked by the API). */
export function ActivityInfo({ activity: a }: { activity: ActivityDetail }) {
  const t = useMessages(activityMessages);
  const f = useMessages(activityFormMessages);
  const c = useMessages(commonMessages);
  const text = useText();
  const category = useCategoryName();
  const wide = Grid.useBreakpoint().lg === true;
  const { locale } = useLocale();
  const none = <Typography.Text type="secondary">{c.none}</Typography.Text>;
  const recruit = (
    <Space size={[4, 4]} wrap>
      <span>{text(RECRUIT_MODE_NAMES[a.recruitMode])}</span>
      {a.recruitMode === 'teams' && a.designatedOrgs.map((o) => <Tag key={o.id}>{o.name}</Tag>)}
      {a.recruitMode === 'code' && a.inviteCode && (
        <Typography.Text code copyable>
          {a.inviteCode}
        </Typography.Text>
      )}
    </Space>
  );
  const geofence =
    a.geofence.mode === 'off'
      ? f.geofence_off
      : `${f[`geofence_${a.geofence.mode}`]} · ${a.geofence.radiusM ?? '—'} ${f.metres}`;
  return (
    <Descriptions
      size="small"
      bordered
      column={wide ? 2 : 1}
      styles={{ label: { width: locale === 'en' ? 176 : 128 } }}
      items={[
        { key: 'time', label: t.time, children: timeRange(a.startsAt, a.endsAt) },
        { key: 'places', label: t.quota, children: <Places taken={a.taken} quota={a.quota} /> },
        { key: 'category', label: f.category, children: category(a.category) },
        {
          key: 'targets',
          label: f.targets,
          children: a.targets.length ? a.targets.map((x) => text(TARGET_NAMES[x])).join('、') : none,
        },
        { key: 'place', label: f.address, children: `${a.regionName} · ${a.address}` },
        {
          key: 'coords',
          label: f.coords,
          // As 高德/腾讯 show them (the editor's default system); stored in WGS-84. Five decimals (about a
          // metre): the sixth may differ from what was typed after the round trip through WGS-84.
          children:
            a.lat != null && a.lng != null
              ? (({ lat, lng }) => `${+lat.toFixed(5)}, ${+lng.toFixed(5)}（${f.coord_gcj02}）`)(
                  wgsToGcj({ lat: a.lat, lng: a.lng }),
                )
              : none,
        },
        { key: 'recruit', label: f.recruitMode, children: recruit },
        { key: 'cutoff', label: f.cancelCutoff, children: fmt(t.hoursBefore, { n: a.cancelCutoffHours }) },
        {
          key: 'hours',
          label: f.hoursRule,
          children: a.breakMinutes
            ? `${text(ROUNDING_RULE_NAMES[a.hoursRule])} · ${f.breakMinutes} ${a.breakMinutes}`
            : text(ROUNDING_RULE_NAMES[a.hoursRule]),
        },
        { key: 'pic', label: f.personInCharge, children: a.personInCharge },
        {
          key: 'contact',
          label: f.contactName,
          children: a.contactPhone ? `${a.contactName} · ${a.contactPhone}` : a.contactName,
        },
        {
          key: 'risk',
          label: f.riskLevel,
          children: (
            <Space size={4} wrap>
              <RiskTag level={a.riskLevel} />
              {a.physicalRisk && <Tag color="red">{f.physicalRisk}</Tag>}
            </Space>
          ),
        },
        { key: 'geofence', label: f.geofence, children: geofence },
        ...(a.riskText
          ? [{ key: 'riskText', label: f.riskText, children: a.riskText, span: 'filled' as const }]
          : []),
        ...(a.physicalRisk || a.insurance
          ? [
              {
                key: 'insurance',
                label: t.insurance,
                span: 'filled' as const,
                children: a.insurance ? (
                  `${a.insurance.insurer} · ${a.insurance.policyNo} · ${a.insurance.cover} · ${a.insurance.from} – ${a.insurance.to}`
                ) : (
                  <Typography.Text type="danger">{t.noInsurance}</Typography.Text>
                ),
              },
            ]
          : []),
        {
          key: 'published',
          label: t.publishedAt,
          children: a.publishedAt ? formatTime(a.publishedAt) : t.notPublished,
        },
        {
          key: 'description',
          label: f.description,
          span: 'filled' as const,
          children: <div style={{ whiteSpace: 'pre-wrap' }}>{a.description}</div>,
        },
      ]}
    />
  );
}
