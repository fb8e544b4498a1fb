import { Button, Empty, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Page } from '../../lib/api.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { commonMessages } from '../common/messages.ts';
import { SelfDecisionHint, useIsMine } from '../common/SelfDecision.tsx';
import { shortTime } from '../activities/console/time.ts';
import type { RecordView } from './api.ts';
import { DueCell, ExplainButton, FinalHours, Hours, VolunteerCell } from './cells.tsx';
import { recordMessages } from './messages.ts';
import { RecordStatusTag } from './tags.tsx';

interface Props {
  data: Page<RecordView> | undefined;
  loading: boolean;
  selected: string[];
  onSelect: (ids: string[]) => void;
  /** Ids being confirmed right now. */
  busy: string[] | undefined;
  onConfirm: (r: RecordView) => void;
  onAdjust: (r: RecordView) => void;
  onPage: (page: number, pageSize: number) => void;
}

/** An activity's records: who served when, computed and recorded hours, and confirming the drafts. */
export function RecordsTable({
  data,
  loading,
  selected,
  onSelect,
  busy,
  onConfirm,
  onAdjust,
  onPage,
}: Props) {
  const t = useMessages(recordMessages);
  const c = useMessages(commonMessages);
  const isMine = useIsMine();
  const columns: ColumnsType<RecordView> = [
    { title: t.volunteer, key: 'who', render: (_, r) => <VolunteerCell r={r} /> },
    { title: t.position, dataIndex: 'positionName', render: (p: string | null) => p ?? '—' },
    {
      title: t.attendance,
      key: 'times',
      responsive: ['md'],
      render: (_, r) => (
        <Flex vertical style={{ fontSize: 12, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          <span>{r.checkInAt ? shortTime(r.checkInAt) : '—'}</span>
          <Typography.Text type={r.checkOutAt ? undefined : 'warning'} style={{ fontSize: 12 }}>
            {r.checkOutAt ? shortTime(r.checkOutAt) : t.notCheckedOut}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t.computed,
      key: 'computed',
      render: (_, r) => (
        <Flex vertical align="flex-start">
          <Hours minutes={r.computedMinutes} />
          <ExplainButton r={r} />
        </Flex>
      ),
    },
    { title: t.final, key: 'final', render: (_, r) => <FinalHours r={r} /> },
    { title: t.status, key: 'status', render: (_, r) => <RecordStatusTag status={r.status} /> },
    { title: t.due, key: 'due', render: (_, r) => <DueCell r={r} /> },
    {
      title: c.actions,
      key: 'actions',
      render: (_, r) =>
        r.status === 'draft' ? (
          <SelfDecisionHint mine={isMine(r.volunteerNo)} code="RECORD_SELF_DECISION">
            <Space size={4}>
              <Button
                size="small"
                type="primary"
                disabled={isMine(r.volunteerNo)}
                loading={busy?.length === 1 && busy[0] === r.id}
                onClick={() => onConfirm(r)}
              >
                {t.confirm}
              </Button>
              <Button
                size="small"
                disabled={isMine(r.volunteerNo)}
                onClick={() => onAdjust(r)}
                data-testid="adjust"
              >
                {t.adjust}
              </Button>
            </Space>
          </SelfDecisionHint>
        ) : null,
    },
  ];
  return (
    <Table<RecordView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      rowSelection={{
        selectedRowKeys: selected,
        onChange: (keys) => onSelect(keys.map(String)),
        getCheckboxProps: (r) => ({ disabled: r.status !== 'draft' || isMine(r.volunteerNo) }),
        preserveSelectedRowKeys: false,
      }}
      locale={{
        emptyText: (
          <Empty
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            description={
              <Flex vertical>
                <span>{t.empty}</span>
                <Typography.Text type="secondary">{t.emptyHint}</Typography.Text>
              </Flex>
            }
          />
        ),
      }}
      pagination={{
        current: data?.page ?? 1,
        pageSize: data?.pageSize ?? 50,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (n) => fmt(c.total, { n }),
        onChange: onPage,
      }}
      scroll={{ x: 'max-content' }}
    />
  );
}
