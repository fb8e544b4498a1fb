import { Card, Descriptions, Flex, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { CONTACT_PHONE_OPENS_BEFORE_HOURS, RECRUIT_MODE_NAMES } from '@yiqi/shared/contracts/activities';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import type { ActivityDetail } from './api.ts';
import { mapLinks, timeRange } from './format.ts';
import { MapLink } from './InfoLine.tsx';
import { activityMessages } from './messages.ts';

const LABEL = { width: 88, color: 'rgba(0,0,0,0.55)' };

/**
 * The contact person, and their phone: masked, except to a volunteer accepted for a shift from 24 hours
 * before it until it ends (the server decides and audits), who gets a tap-to-call link.
 */
function Contact({ a }: { a: ActivityDetail }) {
  const t = useMessages(activityMessages);
  if (!a.contactPhone) return <>{a.contactName}</>;
  if (!a.contactPhoneFull) return <>{`${a.contactName} · ${a.contactPhone}`}</>;
  return (
    <Flex vertical gap={2}>
      <span>
        {a.contactName} ·{' '}
        <a
          href={`tel:${a.contactPhone}`}
          aria-label={fmt(t.callContact, { name: a.contactName })}
          data-testid="contact-call"
          style={{ display: 'inline-block', minHeight: 44, lineHeight: '44px' }}
        >
          <PhoneOutlined aria-hidden /> {a.contactPhone}
        </a>
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {fmt(t.contactPhoneHint, { hours: CONTACT_PHONE_OPENS_BEFORE_HOURS })}
      </Typography.Text>
    </Flex>
  );
}

/** Who runs the activity, when and where, whom to call, who may join, insurance and the cancelling rule. */
export function ActivityFacts({ a }: { a: ActivityDetail }) {
  const t = useMessages(activityMessages);
  const text = useText();
  const geo = a.lat !== null && a.lng !== null ? mapLinks(a.lat, a.lng, a.title) : null;
  const ins = a.insurance;
  return (
    <Card size="small">
      <Descriptions
        column={1}
        size="small"
        styles={{ label: LABEL }}
        items={[
          { key: 'org', label: t.org, children: a.orgName },
          { key: 'time', label: t.time, children: timeRange(a.startsAt, a.endsAt) },
          {
            key: 'address',
            label: t.address,
            children: (
              <Flex vertical gap={2}>
                <span>
                  {a.regionName} · {a.address}
                </span>
                {geo && (
                  <Flex wrap gap={16}>
                    <MapLink href={geo.amap}>{t.mapAmap}</MapLink>
                    <MapLink href={geo.qq}>{t.mapQq}</MapLink>
                  </Flex>
                )}
              </Flex>
            ),
          },
          {
            key: 'contact',
            label: t.contact,
            children: <Contact a={a} />,
          },
          { key: 'pic', label: t.personInCharge, children: a.personInCharge },
          {
            key: 'mode',
            label: t.recruitMode,
            children: (
              <Flex vertical gap={2}>
                <span>{text(RECRUIT_MODE_NAMES[a.recruitMode])}</span>
                {a.recruitMode === 'teams' && a.designatedOrgs.length > 0 && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t.designatedTeams}
                    {a.designatedOrgs.map((o) => o.name).join('、')}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          {
            key: 'insurance',
            label: t.insurance,
            children: ins ? (
              <Flex vertical gap={2} data-testid="insurance">
                <span>{fmt(t.insuranceValue, { insurer: ins.insurer, policyNo: ins.policyNo })}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fmt(t.insuranceCover, { cover: ins.cover })}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fmt(t.insurancePeriod, { from: ins.from, to: ins.to })}
                </Typography.Text>
              </Flex>
            ) : (
              <Typography.Text type="secondary">{t.noInsurance}</Typography.Text>
            ),
          },
          {
            key: 'places',
            label: t.placesLabel,
            children: fmt(t.placesValue, { taken: a.taken, quota: a.quota }),
          },
          {
            key: 'cancel',
            label: t.cancelRule,
            children: a.cancelCutoffHours
              ? fmt(t.cancelRuleValue, { n: a.cancelCutoffHours })
              : t.cancelRuleAnytime,
          },
        ]}
      />
    </Card>
  );
}
