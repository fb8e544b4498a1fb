import { useEffect, useState } from 'react';
import { Button, Card, Flex, Input, Result, Space, Typography } from 'antd';
import { AimOutlined, GlobalOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { ERRORS } from '@yiqi/shared/errors';
import { fmt, useLocale, useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getRegion, GUANGDONG, listRegions } from './api.ts';
import { regionMessages } from './messages.ts';
import { RegionHeading } from './RegionHeading.tsx';
import { RegionTable } from './RegionTable.tsx';
import { inScopes, regionScopes, startRegion } from './scope.ts';

/** /regions/:code — a region's subdivisions, or search results when ?q= is set; /regions/all lists provinces. */
export default function RegionBrowserPage() {
  const { code } = useParams();
  const me = useCurrentUser();
  const { locale } = useLocale();
  if (!code) return <Navigate to={`/regions/${startRegion(me)}`} replace />;
  if (code !== 'all' && !/^\d{12}$/.test(code))
    return <Result status="404" title={ERRORS.REGION_NOT_FOUND.text[locale]} />;
  return <RegionBrowser code={code} />;
}

function RegionBrowser({ code }: { code: string }) {
  const t = useMessages(regionMessages);
  const me = useCurrentUser();
  const navigate = useNavigate();
  const scopes = regionScopes(me);
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = Number(params.get('size')) || 20;
  const level = Number(params.get('level')) || undefined;
  const [input, setInput] = useState(q);
  useEffect(() => setInput(q), [q]);

  const root = code === 'all';
  const detail = useQuery({
    queryKey: ['region', code, level],
    queryFn: ({ signal }) => getRegion(code, signal, level),
    enabled: !root,
  });
  const list = useQuery({
    queryKey: ['regions', root ? null : code, level, q, page, pageSize],
    queryFn: ({ signal }) =>
      listRegions(
        q ? { q, page, pageSize } : { parent: root ? undefined : code, parentLevel: level, page, pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });

  const setQuery = (next: Record<string, string | number | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next))
      if (v === null || v === '') p.delete(k);
      else p.set(k, String(v));
    setParams(p);
  };
  const home = scopes[0]?.scopeId;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        <Space wrap>
          {home && home !== code && (
            <Button icon={<AimOutlined aria-hidden />} onClick={() => navigate(`/regions/${home}`)}>
              {t.toMyScope}
            </Button>
          )}
          {code !== GUANGDONG && (
            <Button icon={<GlobalOutlined aria-hidden />} onClick={() => navigate(`/regions/${GUANGDONG}`)}>
              {t.toProvince}
            </Button>
          )}
        </Space>
      </Flex>
      <Input.Search
        allowClear
        enterButton
        value={input}
        maxLength={40}
        placeholder={t.searchPlaceholder}
        aria-label={t.searchPlaceholder}
        onChange={(e) => setInput(e.target.value)}
        onSearch={(v) => setQuery({ q: v.trim(), page: null })}
        style={{ maxWidth: 560 }}
      />
      <Card>
        {q ? (
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {fmt(t.searchResults, { q })}
            </Typography.Title>
            <Button type="link" onClick={() => setQuery({ q: null, page: null })}>
              {t.clearSearch}
            </Button>
          </Flex>
        ) : (
          <div style={{ marginBottom: 16 }}>
            {detail.isError ? (
              <ErrorResult error={detail.error} />
            ) : (
              <RegionHeading region={root ? 'root' : detail.data} scopes={scopes} />
            )}
          </div>
        )}
        {list.isError ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          !detail.isError && (
            <RegionTable
              data={list.data}
              loading={list.isFetching}
              // Inside one's own area every row would carry the tag; then the heading says it once.
              scopes={q || root || !inScopes(code, scopes) ? scopes : []}
              showPath={Boolean(q)}
              emptyText={q ? t.noResults : t.noChildren}
              onPage={(p, s) => setQuery({ page: p === 1 ? null : p, size: s === 20 ? null : s })}
            />
          )
        )}
      </Card>
    </Space>
  );
}
