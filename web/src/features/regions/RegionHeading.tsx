import { Breadcrumb, Flex, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { LEVEL_NAMES, type RegionLevel } from '@yiqi/shared/regions';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import type { MyRole } from '../auth/api.ts';
import type { RegionDetail } from './api.ts';
import { regionMessages } from './messages.ts';
import { inScopes } from './scope.ts';

/** Breadcrumb of ancestors and the name of the region being browsed (or 全国 at the root). */
export function RegionHeading({
  region,
  scopes,
}: {
  region: RegionDetail | 'root' | undefined;
  scopes: MyRole[];
}) {
  const t = useMessages(regionMessages);
  const text = useText();
  if (region === undefined) return <Skeleton active paragraph={{ rows: 1 }} title={{ width: 200 }} />;
  const root = region === 'root';
  const trail = root ? [] : region.ancestors;
  return (
    <Flex vertical gap={8}>
      <Breadcrumb
        items={[
          { key: 'root', title: root ? t.country : <Link to="/regions/all">{t.country}</Link> },
          ...trail.map((a) => ({
            key: a.code,
            title: <Link to={`/regions/${a.code}?level=${a.level}`}>{a.name}</Link>,
          })),
          ...(root ? [] : [{ key: region.code, title: region.name }]),
        ]}
      />
      <Flex align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="region-name">
          {root ? t.provinces : region.name}
        </Typography.Title>
        {!root && <Tag>{text(LEVEL_NAMES[region.level as RegionLevel])}</Tag>}
        {!root && inScopes(region.code, scopes) && (
          <Tag color="volcano" data-testid="region-scope-tag">
            {t.myScope}
          </Tag>
        )}
        {!root && (
          <Typography.Text type="secondary">
            <Typography.Text code>{region.code}</Typography.Text> ·{' '}
            {fmt(t.childCount, { n: region.childCount })}
          </Typography.Text>
        )}
      </Flex>
    </Flex>
  );
}
