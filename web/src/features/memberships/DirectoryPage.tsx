import { useState } from 'react';
import { Button, Card, Col, Flex, Input, Row, Tag, Typography } from 'antd';
import { CloseOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { CategoryFilter } from '../common/CategorySelect.tsx';
import { CategoryTags } from '../common/CategoryTags.tsx';
import { useOrgTypeName } from '../organizations/tags.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { EmptyWithHint, PagedCards } from '../common/PagedCards.tsx';
import { searchDirectory, type DirectoryRow } from './api.ts';
import { directoryMessages } from './directory.messages.ts';

const PAGE_SIZE = 10;

function TeamCard({ o }: { o: DirectoryRow }) {
  const t = useMessages(directoryMessages);
  const typeName = useOrgTypeName();
  const navigate = useNavigate();
  return (
    <Card size="small" data-testid="directory-team">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {o.name}
          </Typography.Text>
          <Tag style={{ marginInlineEnd: 0 }}>{typeName(o.orgType)}</Tag>
        </Flex>
        <Typography.Text type="secondary">
          {o.regionName}
          {o.parentName ? ` · ${fmt(t.parent, { name: o.parentName })}` : ''}
        </Typography.Text>
        {o.categories.length > 0 && <CategoryTags codes={o.categories} max={4} />}
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text type="secondary">
            {fmt(t.members, { n: o.activeMembers })} · {fmt(t.openActivities, { n: o.openActivities })}
          </Typography.Text>
          <Button
            type="primary"
            style={{ minHeight: 44 }}
            onClick={() => navigate(`/m/join/${o.id}?name=${encodeURIComponent(o.name)}`)}
          >
            {t.apply}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

/**
 * /m/organizations — 找组织: approved teams by name, area and category, for anyone; applying goes through
 * the join page (sign-in, a volunteer record, then the team's review). Area and category are in the URL so
 * a filtered list can be shared; the typed name is not (search text stays out of URLs and logs).
 */
export default function DirectoryPage() {
  const t = useMessages(directoryMessages);
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const category = params.get('category') ?? undefined;
  const page = Number(params.get('page')) || 1;
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState<string | undefined>(undefined);
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const list = useQuery({
    queryKey: ['directory', q, region, category, page],
    queryFn: ({ signal }) => searchDirectory({ q, region, category, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      <Typography.Text type="secondary">{t.intro}</Typography.Text>
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24}>
            <Input.Search
              value={typed}
              placeholder={t.search}
              aria-label={t.search}
              enterButton={t.searchGo}
              allowClear
              maxLength={60}
              onChange={(e) => {
                setTyped(e.target.value);
                if (!e.target.value) setQ(undefined);
              }}
              onSearch={(v) => {
                setQ(v.trim() || undefined);
                set({ page: undefined });
              }}
            />
          </Col>
          <Col xs={24} md={12}>
            <Flex gap={4}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <RegionPicker
                  value={region}
                  minLevel={2}
                  placeholder={t.anyRegion}
                  onChange={(r) => set({ region: r })}
                />
              </div>
              {region && (
                <Button
                  icon={<CloseOutlined aria-hidden />}
                  aria-label={t.clearRegion}
                  onClick={() => set({ region: undefined })}
                />
              )}
            </Flex>
          </Col>
          <Col xs={24} md={12}>
            <CategoryFilter value={category} onChange={(c) => set({ category: c })} />
          </Col>
        </Row>
      </Card>
      <PagedCards
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={(p) => set({ page: p > 1 ? String(p) : undefined })}
        card={(o) => <TeamCard o={o} />}
        empty={<EmptyWithHint text={t.empty} hint={t.emptyHint} />}
        header={
          <Typography.Text type="secondary">{fmt(t.total, { n: list.data?.total ?? 0 })}</Typography.Text>
        }
        showBusy
      />
    </Flex>
  );
}
