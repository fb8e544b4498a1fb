import { Card, Flex, Progress, Tag, Typography } from 'antd';
import { AimOutlined, ClockCircleOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { RECRUIT_MODE_NAMES } from '@yiqi/shared/contracts/activities';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import type { ActivitySummary } from './api.ts';
import { km, mapLinks, timeRange } from './format.ts';
import { InfoLine, MapLink } from './InfoLine.tsx';
import { activityMessages } from './messages.ts';
import { ActivityStatusTag, CategoryTag, RiskTag } from './tags.tsx';

/** One search result: what, who, when, where and how many places are left; opens the activity. */
export function ActivityCard({ a }: { a: ActivitySummary }) {
  const t = useMessages(activityMessages);
  const text = useText();
  const navigate = useNavigate();
  const href = `/m/activities/${a.id}`;
  const full = a.quota > 0 && a.taken >= a.quota;
  const geo = a.lat !== null && a.lng !== null ? mapLinks(a.lat, a.lng, a.title) : null;
  return (
    <Card
      size="small"
      hoverable
      onClick={() => navigate(href)}
      data-testid="activity-card"
      styles={{ body: { padding: 14 } }}
    >
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Link to={href} onClick={(e) => e.stopPropagation()} style={{ color: 'inherit', minWidth: 0 }}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {a.title}
            </Typography.Text>
          </Link>
          <ActivityStatusTag status={a.status} />
        </Flex>
        <Flex wrap gap={4}>
          <CategoryTag code={a.category} />
          <RiskTag level={a.riskLevel} />
          {a.distanceKm !== null && (
            <Tag
              icon={<AimOutlined aria-hidden />}
              color="geekblue"
              style={{ marginInlineEnd: 0 }}
              data-testid="distance"
            >
              {fmt(t.distance, { km: km(a.distanceKm) })}
            </Tag>
          )}
          {a.recruitMode !== 'public' && (
            <Tag style={{ marginInlineEnd: 0 }}>{text(RECRUIT_MODE_NAMES[a.recruitMode])}</Tag>
          )}
        </Flex>
        <InfoLine icon={<TeamOutlined aria-hidden />}>{a.orgName}</InfoLine>
        <InfoLine icon={<ClockCircleOutlined aria-hidden />}>{timeRange(a.startsAt, a.endsAt)}</InfoLine>
        <InfoLine icon={<EnvironmentOutlined aria-hidden />}>
          {a.regionName} · {a.address}
        </InfoLine>
        <Flex align="center" gap={8} wrap>
          <Typography.Text style={{ fontSize: 13, flexShrink: 0 }}>
            {fmt(t.places, { taken: a.taken, quota: a.quota })}
          </Typography.Text>
          <Progress
            percent={a.quota ? Math.round((a.taken / a.quota) * 100) : 0}
            showInfo={false}
            size="small"
            strokeColor={full ? '#bfbfbf' : '#fa541c'}
            style={{ flex: 1, minWidth: 80, margin: 0 }}
          />
          {full && <Tag style={{ marginInlineEnd: 0 }}>{t.full}</Tag>}
          {geo && <MapLink href={geo.amap}>{t.mapHint}</MapLink>}
        </Flex>
      </Flex>
    </Card>
  );
}
