import { Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router';
import { LEVEL_NAMES, type RegionLevel } from '@yiqi/shared/regions';
import type { Page } from '../../lib/api.ts';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import type { MyRole } from '../auth/api.ts';
import type { RegionItem } from './api.ts';
import { regionMessages } from './messages.ts';
import { inScopes } from './scope.ts';

interface Props {
  data: Page<RegionItem> | undefined;
  loading: boolean;
  scopes: MyRole[];
  /** Search results show where each region lies. */
  showPath?: boolean;
  emptyText: string;
  onPage: (page: number, pageSize: number) => void;
}

/** Regions with click-through to their subdivisions, paged on the server. */
export function RegionTable({ data, loading, scopes, showPath = false, emptyText, onPage }: Props) {
  const t = useMessages(regionMessages);
  const text = useText();
  const navigate = useNavigate();

  const columns: ColumnsType<RegionItem> = [
    {
      title: t.name,
      dataIndex: 'name',
      render: (name: string, r) => (
        <span>
          <Link to={`/regions/${r.code}?level=${r.level}`} onClick={(e) => e.stopPropagation()}>
            {name}
          </Link>
          {inScopes(r.code, scopes) && (
            <Tag color="volcano" style={{ marginInlineStart: 8 }}>
              {t.myScope}
            </Tag>
          )}
        </span>
      ),
    },
    ...(showPath
      ? [
          {
            title: t.path,
            dataIndex: 'path',
            responsive: ['md' as const],
            render: (p: string) => p.split(' / ').slice(0, -1).join(' / '),
          },
        ]
      : []),
    {
      title: t.code,
      dataIndex: 'code',
      render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
    },
    {
      title: t.level,
      dataIndex: 'level',
      responsive: ['sm'],
      render: (l: number) => text(LEVEL_NAMES[l as RegionLevel]),
    },
    { title: t.children, dataIndex: 'childCount', align: 'right', responsive: ['sm'] },
  ];

  return (
    <Table<RegionItem>
      rowKey="code"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} /> }}
      onRow={(r) => ({
        onClick: () => navigate(`/regions/${r.code}?level=${r.level}`),
        style: { cursor: 'pointer' },
      })}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 20,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100],
        hideOnSinglePage: false,
        showTotal: (n) => fmt(t.total, { n }),
        onChange: onPage,
      }}
      scroll={{ x: 'max-content' }}
    />
  );
}
