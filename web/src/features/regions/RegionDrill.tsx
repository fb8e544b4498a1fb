import { useState } from 'react';
import { Alert, Breadcrumb, Button, Empty, Flex, Input, Spin, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { listRegions, type RegionItem } from './api.ts';
import { regionMessages } from './messages.ts';

export interface Crumb {
  code: string;
  name: string;
  level: number;
}

const rowStyle = {
  width: '100%',
  height: 'auto',
  minHeight: 44,
  justifyContent: 'space-between',
  textAlign: 'left' as const,
  borderRadius: 0,
  borderBottom: '1px solid #f0f0f0',
  padding: '8px 12px',
};

/**
 * The body of the region picker: the current place's subdivisions (tap to go down, or to choose a place
 * without any), the trail back up, and a search within the province.
 */
export function RegionDrill({
  trail,
  onTrail,
  onPick,
  onJump,
  prefix,
}: {
  trail: Crumb[];
  onTrail: (trail: Crumb[]) => void;
  onPick: (r: Crumb) => void;
  /** Opens a place found by search, with its whole trail. */
  onJump: (r: Crumb) => void;
  /** Search results are kept to codes with this prefix (the province). */
  prefix: string;
}) {
  const t = useMessages(regionMessages);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const here = trail[trail.length - 1]!;
  const children = useQuery({
    queryKey: ['regions', here.code, here.level, '', 1, 200],
    queryFn: ({ signal }) =>
      listRegions({ parent: here.code, parentLevel: here.level, page: 1, pageSize: 200 }, signal),
    enabled: !q,
  });
  const found = useQuery({
    queryKey: ['regions', 'pick', q],
    queryFn: ({ signal }) => listRegions({ q, pageSize: 30 }, signal),
    enabled: q.length > 0,
  });

  const open = (r: RegionItem) => {
    const crumb = { code: r.code, name: r.name, level: r.level };
    if (r.childCount === 0) return onPick(crumb);
    if (q) {
      setSearch('');
      onJump(crumb);
    } else onTrail([...trail, crumb]);
  };

  const list = q ? found : children;
  const items = (list.data?.items ?? []).filter((r) => r.code.startsWith(prefix));

  return (
    <Flex vertical gap={12}>
      <Input.Search
        allowClear
        value={search}
        placeholder={t.searchRegion}
        aria-label={t.searchRegion}
        onChange={(e) => setSearch(e.target.value)}
      />
      {!q && (
        <Breadcrumb
          items={trail.map((c, i) => ({
            key: c.code + c.level,
            title:
              i < trail.length - 1 ? (
                <a
                  href="#"
                  onClick={(e) => {
                    e.preventDefault();
                    onTrail(trail.slice(0, i + 1));
                  }}
                >
                  {c.name}
                </a>
              ) : (
                <Typography.Text strong>{c.name}</Typography.Text>
              ),
          }))}
        />
      )}
      {list.isError && <Alert type="error" showIcon title={list.error.message} />}
      {list.isFetching && !list.data ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t.noResults : t.noChildren} />
      ) : (
        <div role="list" style={{ border: '1px solid #f0f0f0', borderRadius: 8, overflow: 'hidden' }}>
          {items.map((r) => (
            <div role="listitem" key={r.code + r.level}>
              <Button type="text" style={rowStyle} onClick={() => open(r)}>
                <span style={{ whiteSpace: 'normal' }}>
                  <span>{r.name}</span>
                  {q && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {r.path}
                    </Typography.Text>
                  )}
                </span>
                {r.childCount > 0 && <RightOutlined aria-hidden style={{ color: '#bfbfbf' }} />}
              </Button>
            </div>
          ))}
        </div>
      )}
      {!q && (list.data?.total ?? 0) > items.length && (
        <Typography.Text type="secondary">{t.tooMany}</Typography.Text>
      )}
    </Flex>
  );
}
