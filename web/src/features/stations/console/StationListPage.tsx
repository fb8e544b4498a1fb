import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { RegionPicker } from '../../regions/RegionPicker.tsx';
import { useCurrentUser } from '../../auth/session.ts';
import { deleteStation, listStations, STATIONS_KEY, type Station } from '../api.ts';
import { stationMessages } from '../messages.ts';
import { KIND_COLORS } from '../StationsMap.tsx';
import { StationForm } from './StationForm.tsx';

const PAGE_SIZE = 20;

/** /stations (console) — the region admin's stations: list by region, add, edit, delete (confirmed). */
export default function StationListPage() {
  const t = useMessages(stationMessages);
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const own = me.roles.find((r) => r.role === 'region_admin' && r.scopeType === 'region')?.scopeId;
  const [region, setRegion] = useState<string | undefined>(own);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ id: string | null } | null>(null);
  const list = useQuery({
    queryKey: [...STATIONS_KEY, 'console', region, q, page],
    queryFn: ({ signal }) => listStations({ region, q: q || undefined, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: deleteStation,
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: STATIONS_KEY });
      void message.success(t.deleted);
    },
    onError: (e) => void message.error(e.message),
  });

  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t.manageTitle}
        extra={
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing({ id: null })}>
            {t.add}
          </Button>
        }
      />
      <Flex gap={8} wrap>
        <div style={{ minWidth: 260 }}>
          <RegionPicker
            value={region}
            onChange={(v) => {
              setRegion(v);
              setPage(1);
            }}
            placeholder={t.filterRegion}
          />
        </div>
        <Input.Search
          allowClear
          placeholder={t.search}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ maxWidth: 320 }}
        />
      </Flex>
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<Station>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
            showTotal: (n) => fmt(t.total, { n }),
          }}
          columns={[
            {
              title: t.kind,
              dataIndex: 'kind',
              width: 110,
              render: (k: string) => <Tag color={KIND_COLORS[k]}>{t[`kind_${k}` as 'kind_post']}</Tag>,
            },
            { title: t.name, dataIndex: 'name' },
            { title: t.region, dataIndex: 'regionName', width: 140 },
            { title: t.address, dataIndex: 'address', ellipsis: true },
            { title: t.phone, dataIndex: 'phone', width: 140 },
            {
              title: t.actions,
              width: 150,
              render: (_, s) => (
                <Flex gap={4}>
                  <Button type="link" onClick={() => setEditing({ id: s.id })}>
                    {t.edit}
                  </Button>
                  <Popconfirm
                    title={fmt(t.deleteConfirm, { name: s.name })}
                    onConfirm={() => remove.mutateAsync(s.id)}
                    okButtonProps={{ danger: true }}
                  >
                    <Button type="link" danger>
                      {t.delete}
                    </Button>
                  </Popconfirm>
                </Flex>
              ),
            },
          ]}
        />
      )}
      <StationForm id={editing?.id ?? null} open={editing !== null} onClose={() => setEditing(null)} />
    </Flex>
  );
}
