import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Grid, Segmented, Select, Space, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { PageTitle } from '../common/PageTitle.tsx';
import { PagedCards } from '../common/PagedCards.tsx';
import { QueryTable } from '../common/PagedTable.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import type { MenuItemViewT } from './api.ts';
import { MenuItemDialog } from './MenuItemDialog.tsx';
import { getInheritedMenu, getUnitItems, retireMenuItem, type MenuItemStatus } from './menuApi.ts';
import { menuMessages } from './menuMessages.ts';
import { daysText, statusTag, teamsText } from './menuCells.tsx';
import { OffersPanel } from './OffersPanel.tsx';
import { VillageOffersPanel } from './VillageOffersPanel.tsx';

/** A community's (village's) code: its last three digits name it within the street, never 000. */
const isCommunity = (code: string) => !code.endsWith('000');

/**
 * /dispatch/menu — a centre's, post's or station's service menu: its own items (add, edit, retire), the
 * items inherited from the levels above (read-only: only their own unit changes them), and the offers (供单)
 * teams and villages made to it or to the units below it, to approve or refuse with a reason; a village's
 * station also offers the village's services to the units above it (本村供单).
 */
export default function MenuManagePage() {
  const t = useMessages(menuMessages);
  const me = useCurrentUser();
  const grants = me.roles.filter((r) => r.role === 'region_admin');
  const [grant, setGrant] = useState(() => (grants.find((g) => g.scopeLevel >= 3) ?? grants[0])?.scopeId);
  const g = grants.find((x) => x.scopeId === grant);
  // A grant above district level (a city's, province's) is not a unit: choose one inside it.
  const [picked, setPicked] = useState<string>();
  const region = g && g.scopeLevel >= 3 ? g.scopeId : picked;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'own';

  return (
    <Flex vertical gap={12}>
      <PageTitle title={t.title} />
      <Typography.Text type="secondary">{t.hint}</Typography.Text>
      <Flex gap={12} wrap align="center">
        {grants.length > 1 && (
          <Select
            aria-label={t.unit}
            style={{ minWidth: 200, maxWidth: '100%' }}
            value={grant}
            onChange={(v) => {
              setGrant(v);
              setPicked(undefined);
            }}
            options={grants.map((u) => ({ value: u.scopeId, label: u.scopeName }))}
          />
        )}
        {g && g.scopeLevel < 3 && (
          <RegionPicker
            id="menu-unit"
            minLevel={3}
            value={picked}
            onChange={setPicked}
            placeholder={t.unit}
            root={{ code: g.scopeId, name: g.scopeName, level: g.scopeLevel }}
          />
        )}
      </Flex>
      {!region ? (
        <Empty description={t.chooseUnit} />
      ) : (
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            { key: 'own', label: t.own, children: <OwnItems key={region} region={region} /> },
            { key: 'inherited', label: t.inherited, children: <Inherited key={region} region={region} /> },
            { key: 'offers', label: t.offers, children: <OffersPanel key={region} region={region} /> },
            // A village's (community's) station offers the village's services to the units above (村供单).
            ...(isCommunity(region)
              ? [
                  {
                    key: 'village',
                    label: t.villageTab,
                    children: <VillageOffersPanel key={region} region={region} />,
                  },
                ]
              : []),
          ]}
        />
      )}
    </Flex>
  );
}

/** The unit's own items: a page at a time, by status, with add, edit and retire. */
function OwnItems({ region }: { region: string }) {
  const t = useMessages(menuMessages);
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const mobile = Grid.useBreakpoint().md === false;
  const [status, setStatus] = useState<MenuItemStatus | 'all'>('approved');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<{ item: MenuItemViewT | null } | null>(null);
  const q = useQuery({
    queryKey: ['dispatch-unit-items', region, status, page],
    queryFn: ({ signal }) =>
      getUnitItems({ region, status: status === 'all' ? undefined : status, ...page }, signal),
    placeholderData: keepPreviousData,
  });
  const categories = [...new Set((q.data?.items ?? []).map((i) => i.category))];
  const refresh = () => void qc.invalidateQueries({ queryKey: ['dispatch-unit-items', region] });
  const retire = useMutation({
    mutationFn: (i: MenuItemViewT) => retireMenuItem(i.id),
    onSuccess: () => {
      void message.success(t.retired);
      refresh();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const confirmRetire = (i: MenuItemViewT) =>
    void modal.confirm({
      title: fmt(t.retireConfirm, { title: i.title }),
      content: t.retireHint,
      okText: t.retire,
      okButtonProps: { danger: true },
      cancelText: t.cancel,
      onOk: () => retire.mutateAsync(i).catch(() => undefined),
    });
  const actions = (i: MenuItemViewT) =>
    i.status === 'approved' && (
      <Space wrap>
        <Button size={mobile ? 'middle' : 'small'} onClick={() => setDialog({ item: i })}>
          {t.edit}
        </Button>
        <Button size={mobile ? 'middle' : 'small'} danger onClick={() => confirmRetire(i)}>
          {t.retire}
        </Button>
      </Space>
    );
  const columns: ColumnsType<MenuItemViewT> = [
    { title: t.category, dataIndex: 'category', width: 120 },
    {
      title: t.itemTitle,
      key: 'title',
      render: (_, i) => (
        <>
          <Typography.Text strong>{i.title}</Typography.Text>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 360 }}>
            {i.description}
          </Typography.Paragraph>
        </>
      ),
    },
    { title: t.teams, key: 'teams', render: (_, i) => teamsText(t, i) },
    { title: t.timers, key: 'days', render: (_, i) => daysText(t, i) },
    { title: t.status, key: 'status', render: (_, i) => statusTag(t, i.status) },
    { title: t.actions, key: 'actions', render: (_, i) => actions(i) },
  ];
  const empty = status === 'approved' || status === 'all' ? t.empty : t.emptyStatus;
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap justify="space-between" align="center">
        <Segmented
          aria-label={t.status}
          value={status}
          onChange={(v) => {
            setStatus(v as MenuItemStatus | 'all');
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'approved', label: t.approved },
            { value: 'withdrawn', label: t.withdrawn },
            { value: 'all', label: t.all },
          ]}
        />
        <Button type="primary" onClick={() => setDialog({ item: null })}>
          {t.add}
        </Button>
      </Flex>
      {mobile ? (
        <PagedCards
          query={q}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p) => setPage((x) => ({ ...x, page: p }))}
          empty={<Empty description={empty} />}
          card={(i) => (
            <Card size="small" title={i.title} extra={statusTag(t, i.status)}>
              <Typography.Text type="secondary">{i.category}</Typography.Text>
              <Typography.Paragraph style={{ margin: '4px 0' }}>{i.description}</Typography.Paragraph>
              <div>
                {t.teams}：{teamsText(t, i)}
              </div>
              <div style={{ marginBottom: 8 }}>
                {t.timers}：{daysText(t, i)}
              </div>
              {actions(i)}
            </Card>
          )}
        />
      ) : (
        <QueryTable
          query={q}
          page={page.page}
          pageSize={page.pageSize}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
          columns={columns}
          empty={empty}
          totalText={t.total}
        />
      )}
      <MenuItemDialog
        open={dialog !== null}
        region={region}
        item={dialog?.item ?? null}
        categories={categories}
        onClose={() => setDialog(null)}
        onSaved={() => {
          void message.success(t.saved);
          refresh();
        }}
      />
    </Flex>
  );
}

/** What the levels above publish, as the unit's communities see it: read-only here. */
function Inherited({ region }: { region: string }) {
  const t = useMessages(menuMessages);
  const q = useQuery({
    queryKey: ['dispatch-menu-inherited', region],
    queryFn: ({ signal }) => getInheritedMenu(region, signal),
  });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const items = (q.data?.items ?? []).filter((i) => i.unitCode !== region);
  if (!q.isPending && items.length === 0) return <Empty description={t.noInherited} />;
  return (
    <Flex vertical gap={8} aria-busy={q.isPending}>
      {items.map((i) => (
        <Card
          key={i.id}
          size="small"
          title={i.title}
          extra={<Typography.Text type="secondary">{i.unitName}</Typography.Text>}
        >
          <Typography.Text type="secondary">{i.category}</Typography.Text>
          <Typography.Paragraph style={{ margin: '4px 0' }}>{i.description}</Typography.Paragraph>
          <div>
            {t.teams}：{teamsText(t, i)} · {t.timers}：{daysText(t, i)}
          </div>
        </Card>
      ))}
    </Flex>
  );
}
