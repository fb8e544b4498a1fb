import { useState } from 'react';
import { Button, Card, Collapse, Empty, Flex, Form, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getMenu, type MenuItemViewT } from './api.ts';
import { dispatchMessages } from './messages.ts';

const COMMUNITY_KEY = 'yiqi.dispatch.community';

/** /m/orders/menu — the service menu of the resident's community, by category (own and inherited items). */
export default function MenuPage() {
  const t = useMessages(dispatchMessages);
  const navigate = useNavigate();
  const [community, setCommunity] = useState<string | undefined>(
    () => localStorage.getItem(COMMUNITY_KEY) ?? undefined,
  );
  const q = useQuery({
    queryKey: ['dispatch-menu', community],
    queryFn: ({ signal }) => getMenu(community!, signal),
    enabled: Boolean(community),
  });
  const choose = (code: string) => {
    localStorage.setItem(COMMUNITY_KEY, code);
    setCommunity(code);
  };
  const byCategory = new Map<string, MenuItemViewT[]>();
  for (const i of q.data?.items ?? []) byCategory.set(i.category, [...(byCategory.get(i.category) ?? []), i]);

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t.menuTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.menuHint}</Typography.Text>
      <Form layout="vertical">
        <Form.Item label={t.community} htmlFor="dispatch-community" style={{ marginBottom: 0 }}>
          <RegionPicker id="dispatch-community" minLevel={5} value={community} onChange={choose} />
        </Form.Item>
      </Form>
      {!community ? (
        <Empty description={t.chooseCommunity} />
      ) : q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Spin aria-busy="true" style={{ display: 'block', margin: '32px auto' }} />
      ) : byCategory.size === 0 ? (
        <Empty description={t.noItems} />
      ) : (
        <Collapse
          defaultActiveKey={[...byCategory.keys()].slice(0, 2)}
          items={[...byCategory].map(([category, items]) => ({
            key: category,
            label: `${category}（${items.length}）`,
            children: (
              <Flex vertical gap={8}>
                {items.map((i) => (
                  <Card
                    key={i.id}
                    size="small"
                    title={i.title}
                    extra={<Typography.Text type="secondary">{i.unitName}</Typography.Text>}
                  >
                    {/* 村供单: the village (community) that offers it as a unit. */}
                    {i.offeredByUnit && (
                      <Tag color="cyan" style={{ marginBottom: 8 }}>
                        {fmt(t.villageOffer, { name: i.offeredByUnit.name })}
                      </Tag>
                    )}
                    <Typography.Paragraph style={{ marginBottom: 8 }}>{i.description}</Typography.Paragraph>
                    <Button
                      type="primary"
                      block
                      className="yiqi-touch"
                      onClick={() =>
                        navigate(`/m/orders/new?item=${i.id}&region=${community}`, { state: { item: i } })
                      }
                    >
                      {t.order}
                    </Button>
                  </Card>
                ))}
              </Flex>
            ),
          }))}
        />
      )}
    </Flex>
  );
}
