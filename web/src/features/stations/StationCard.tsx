import { Button, Card, Flex, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { amapMarkerUrl } from '@yiqi/shared/geo/map-apps';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { Station } from './api.ts';
import { stationMessages } from './messages.ts';
import { KIND_COLORS } from './StationsMap.tsx';
import { StationMenu } from './StationMenu.tsx';

/**
 * One station in the public list: kind, name, distance on foot, hours, services, service line, directions,
 * and for a practice centre, post or station its service menu (StationMenu).
 */
export function StationCard({
  s,
  distance,
  selected,
}: {
  s: Station;
  distance?: { m: number; min: number } | undefined;
  selected?: boolean;
}) {
  const t = useMessages(stationMessages);
  return (
    <Card
      size="small"
      id={`station-${s.id}`}
      style={selected ? { borderColor: '#1677ff', boxShadow: '0 0 0 2px #1677ff33' } : undefined}
    >
      <Flex vertical gap={4}>
        <Flex gap={8} align="center" wrap>
          <Tag color={KIND_COLORS[s.kind]} style={{ marginInlineEnd: 0 }}>
            {t[`kind_${s.kind}`]}
          </Tag>
          <Typography.Text strong>{s.name}</Typography.Text>
        </Flex>
        {distance && (
          <Typography.Text type="success">
            {fmt(t.distance, { m: distance.m, min: distance.min })}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          <EnvironmentOutlined aria-hidden /> {s.address}
        </Typography.Text>
        {s.openingHours && (
          <Typography.Text>
            {t.hours}：{s.openingHours}
          </Typography.Text>
        )}
        {s.services.length > 0 && (
          <Space size={[4, 4]} wrap>
            {s.services.map((x) => (
              <Tag key={x}>{x}</Tag>
            ))}
          </Space>
        )}
        <Flex gap={8} wrap>
          {s.phone && (
            <Button
              href={`tel:${s.phone}`}
              icon={<PhoneOutlined aria-hidden />}
              style={{ minHeight: 44 }}
              aria-label={fmt(t.call, { phone: s.phone })}
            >
              {s.phone}
            </Button>
          )}
          <Button
            href={amapMarkerUrl({ lat: s.lat, lng: s.lng }, s.name)}
            target="_blank"
            rel="noopener noreferrer"
            style={{ minHeight: 44 }}
          >
            {t.openAmap}
          </Button>
        </Flex>
        <StationMenu s={s} />
      </Flex>
    </Card>
  );
}
