import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../lib/api.ts';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { PagedCards } from '../common/PagedCards.tsx';
import { ReasonModal } from '../common/ReasonModal.tsx';
import type { MenuItemViewT } from './api.ts';
import { decideOffer, getUnitItems } from './menuApi.ts';
import { menuMessages } from './menuMessages.ts';
import { teamsText } from './menuCells.tsx';

const PAGE_SIZE = 10;

/**
 * 供单审核: the offers teams and villages (村供单) made to the unit or to a unit below it. Approving puts
 * the item on the menu (with the team as its deliverer, or naming the village whose station its orders may
 * go to); refusing needs a reason, which the offerer sees.
 */
export function OffersPanel({ region }: { region: string }) {
  const t = useMessages(menuMessages);
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [refusing, setRefusing] = useState<MenuItemViewT | null>(null);
  const q = useQuery({
    queryKey: ['dispatch-offers', region, page],
    queryFn: ({ signal }) =>
      getUnitItems({ region, status: 'proposed', scope: 'subtree', page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['dispatch-offers', region] });
    void qc.invalidateQueries({ queryKey: ['dispatch-unit-items'] });
  };
  const approve = useMutation({
    mutationFn: (i: MenuItemViewT) => decideOffer(i.id, { decision: 'approved' }),
    onSuccess: () => {
      void message.success(t.approvedDone);
      refresh();
    },
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  const confirmApprove = (i: MenuItemViewT) =>
    void modal.confirm({
      title: `${t.approve}：${i.title}`,
      content: i.offeredByUnit
        ? fmt(t.approveVillageConfirm, {
            title: i.title,
            unit: i.unitName,
            village: i.offeredByUnit.name,
          })
        : fmt(t.approveConfirm, {
            title: i.title,
            unit: i.unitName,
            team: i.offeredBy?.name ?? t.noTeams,
          }),
      okText: t.approve,
      cancelText: t.cancel,
      onOk: () => approve.mutateAsync(i).catch(() => undefined),
    });
  return (
    <>
      <PagedCards
        query={q}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={<Empty description={t.noOffers} />}
        showBusy
        card={(i) => (
          <Card
            size="small"
            title={i.title}
            extra={
              <Tag color={i.offeredByUnit ? 'cyan' : 'blue'}>{i.offeredByUnit ? t.byVillage : t.byTeam}</Tag>
            }
            data-testid="offer-card"
          >
            <Flex vertical gap={4}>
              <Typography.Text type="secondary">
                {i.category} · {t.offeredBy}：{i.offeredByUnit?.name ?? i.offeredBy?.name ?? '—'} ·{' '}
                {t.offeredTo}：{i.unitName} · {t.offeredAt}：{formatTime(i.createdAt)}
              </Typography.Text>
              <Typography.Paragraph style={{ margin: 0 }}>{i.description}</Typography.Paragraph>
              {i.offeredByUnit && (
                <Typography.Text type="secondary">
                  {t.teams}：{teamsText(t, i)}
                </Typography.Text>
              )}
              <Space wrap>
                <Button type="primary" onClick={() => confirmApprove(i)}>
                  {t.approve}
                </Button>
                <Button danger onClick={() => setRefusing(i)}>
                  {t.refuse}
                </Button>
              </Space>
            </Flex>
          </Card>
        )}
      />
      <ReasonModal
        open={refusing !== null}
        title={refusing ? `${t.refuseTitle}：${refusing.title}` : t.refuseTitle}
        label={t.refuseReason}
        requiredMessage={t.required}
        okText={t.refuse}
        onClose={() => setRefusing(null)}
        onSubmit={async (reason) => {
          await decideOffer(refusing!.id, { decision: 'refused', reason });
          void message.success(t.refusedDone);
          refresh();
        }}
      />
    </>
  );
}
