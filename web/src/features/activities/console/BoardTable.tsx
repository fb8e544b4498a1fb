import { useState } from 'react';
import { App, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { commonMessages } from '../../common/messages.ts';
import { keys, type Board, type BoardRow, type CheckResult } from './api.ts';
import { BoardActions } from './BoardActions.tsx';
import { attendanceMessages } from './attendance.messages.ts';
import { CheckOutModal } from './CheckOutModal.tsx';
import { BoardStateTag } from './tags.tsx';
import { shortTime, timeRange } from './time.ts';

interface Props {
  activityId: string;
  data: Board | undefined;
  loading: boolean;
  /** Several shifts are listed: show each row's shift. */
  showShift: boolean;
  onPage: (page: number, pageSize: number) => void;
}

/** One row per accepted volunteer: state, times, and what staff can do for them. */
export function BoardTable({ activityId, data, loading, showShift, onPage }: Props) {
  const t = useMessages(attendanceMessages);
  const c = useMessages(commonMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [checkingOut, setCheckingOut] = useState<BoardRow | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: keys.board(activityId) });
  const checked = (r: CheckResult) => {
    void message.success(
      r.repeated ? t.alreadyRecorded : r.reviewStatus === 'review' ? t.inReview : t.recorded,
    );
    refresh();
  };

  const columns: ColumnsType<BoardRow> = [
    {
      title: t.volunteer,
      key: 'who',
      render: (_, r) => (
        <Flex vertical>
          <span>{r.name ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
            {r.volunteerNo}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t.position,
      key: 'position',
      render: (_, r) => (
        <Flex vertical>
          <span>{r.positionName}</span>
          {showShift && (
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {timeRange(r.shiftStartsAt, r.shiftEndsAt)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t.state,
      key: 'state',
      render: (_, r) => (
        <Space size={4} wrap>
          <BoardStateTag state={r.state} />
          {r.reviewStatus === 'review' && <Tag color="purple">{t.review}</Tag>}
          {r.reviewStatus === 'rejected' && <Tag color="red">{t.reviewRejected}</Tag>}
        </Space>
      ),
    },
    {
      title: t.checkIn,
      key: 'in',
      render: (_, r) =>
        r.checkInAt ? (
          <Flex vertical>
            <span style={{ whiteSpace: 'nowrap' }}>{shortTime(r.checkInAt)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.checkInMethod === 'staff' ? t.byStaff : t.byQr}
              {r.distanceM != null && ` · ${fmt(t.distance, { m: r.distanceM })}`}
            </Typography.Text>
          </Flex>
        ) : (
          '—'
        ),
    },
    {
      title: t.checkOut,
      key: 'out',
      render: (_, r) =>
        r.checkOutAt ? <span style={{ whiteSpace: 'nowrap' }}>{shortTime(r.checkOutAt)}</span> : '—',
    },
    {
      title: c.actions,
      key: 'actions',
      render: (_, r) => (
        <BoardActions
          activityId={activityId}
          row={r}
          onChecked={checked}
          onReviewed={refresh}
          onCheckOut={setCheckingOut}
        />
      ),
    },
  ];

  return (
    <>
      <Table<BoardRow>
        rowKey="signupId"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={loading}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} /> }}
        pagination={{
          current: data?.page ?? 1,
          pageSize: data?.pageSize ?? 100,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [50, 100, 200, 500],
          showTotal: (n) => fmt(c.total, { n }),
          onChange: onPage,
        }}
        scroll={{ x: 'max-content' }}
      />
      <CheckOutModal
        activityId={activityId}
        row={checkingOut}
        onClose={() => setCheckingOut(null)}
        onDone={checked}
      />
    </>
  );
}
