import { useState } from 'react';
import { Button, Empty, Flex, List, Spin, Tag, Typography } from 'antd';
import { ProfileOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { getMenu } from '../dispatch/api.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import type { Station } from './api.ts';
import { stationMessages } from './messages.ts';

/** The kinds that are practice units (centre: district, post: street, station: community) and so serve a menu. */
const MENU_KINDS = new Set<Station['kind']>(['centre', 'post', 'station']);

/**
 * 服务菜单 of a practice centre, post or station: the dispatch menu its place sees (its own items and those
 * of the levels above, GET /api/dispatch/menu), opened on demand so the list of stations stays one request.
 * At a station (a community) each item can be ordered at once; above it, the resident first picks their
 * community on the menu page.
 */
export function StationMenu({ s }: { s: Station }) {
  const t = useMessages(stationMessages);
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: ['dispatch-menu', s.regionCode],
    queryFn: ({ signal }) => getMenu(s.regionCode, signal),
    enabled: open,
  });
  if (!MENU_KINDS.has(s.kind)) return null;
  const community = !s.regionCode.endsWith('000');
  return (
    <Flex vertical gap={8}>
      <Button
        icon={<ProfileOutlined aria-hidden />}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        style={{ minHeight: 44, alignSelf: 'flex-start' }}
      >
        {open ? t.hideMenu : t.menu}
      </Button>
      {open &&
        (q.isError ? (
          <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
        ) : q.isPending ? (
          <Spin aria-busy="true" />
        ) : q.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.menuEmpty} />
        ) : (
          <List
            size="small"
            bordered
            header={fmt(t.menuCount, { n: q.data.items.length })}
            // Above a community, ordering starts from the resident's own community: one link for the list.
            footer={community ? undefined : <Link to="/m/orders/menu">{t.chooseCommunity}</Link>}
            dataSource={q.data.items}
            renderItem={(i) => (
              <List.Item
                actions={
                  community
                    ? [
                        <Link
                          key="order"
                          to={`/m/orders/new?item=${i.id}&region=${s.regionCode}`}
                          state={{ item: i }}
                        >
                          {t.orderItem}
                        </Link>,
                      ]
                    : []
                }
              >
                <Flex vertical gap={2}>
                  <Typography.Text strong>{i.title}</Typography.Text>
                  <Flex gap={4} wrap>
                    <Tag style={{ marginInlineEnd: 0 }}>{i.category}</Tag>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {i.unitName}
                    </Typography.Text>
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        ))}
    </Flex>
  );
}
