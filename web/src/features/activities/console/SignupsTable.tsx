import { Button, Empty, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Page } from '../../../lib/api.ts';
import { formatTime } from '../../../lib/format.ts';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { commonMessages } from '../../common/messages.ts';
import { SelfDecisionHint, useIsMine } from '../../common/SelfDecision.tsx';
import type { SignupRow, SignupStatus } from './api.ts';
import { signupMessages } from './signup.messages.ts';
import { SignupStatusTag } from './tags.tsx';
import { timeRange } from './time.ts';

/** Sign-ups still open to a decision: pending ones are accepted or rejected, waitlisted ones rejected. */
const DECIDABLE: readonly SignupStatus[] = ['pending', 'waitlisted'];

interface Props {
  data: Page<SignupRow> | undefined;
  loading: boolean;
  selected: string[];
  onSelect: (ids: string[]) => void;
  /** Ids being accepted right now. */
  busy: string[] | undefined;
  onAccept: (row: SignupRow) => void;
  onReject: (row: SignupRow) => void;
  onPage: (page: number, pageSize: number) => void;
}

export function SignupsTable({ data, loading, selected, onSelect, busy, onAccept, onReject, onPage }: Props) {
  const t = useMessages(signupMessages);
  const c = useMessages(commonMessages);
  const isMine = useIsMine();
  const columns: ColumnsType<SignupRow> = [
    {
      title: t.volunteer,
      key: 'who',
      render: (_, s) => (
        <Flex vertical>
          <span>{s.name ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
            {s.volunteerNo}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t.age, dataIndex: 'age', responsive: ['md'], render: (a: number | null) => a ?? '—' },
    {
      title: t.shift,
      key: 'shift',
      render: (_, s) => (
        <Flex vertical>
          <span>{s.positionName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {timeRange(s.shiftStartsAt, s.shiftEndsAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t.status,
      key: 'status',
      render: (_, s) => (
        <Flex vertical gap={2} align="flex-start" style={{ maxWidth: 240 }}>
          <SignupStatusTag status={s.status} />
          {s.rejectReason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {s.rejectReason}
            </Typography.Text>
          )}
          {s.cancelKind && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.cancelKinds[s.cancelKind]}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t.appliedAt,
      dataIndex: 'createdAt',
      responsive: ['lg'],
      render: (at: string) => formatTime(at),
    },
    {
      title: c.actions,
      key: 'actions',
      render: (_, s) =>
        DECIDABLE.includes(s.status) ? (
          <SelfDecisionHint mine={isMine(s.volunteerNo)} code="SIGNUP_SELF_DECISION">
            <Space size={4}>
              {s.status === 'pending' && (
                <Button
                  size="small"
                  type="primary"
                  disabled={isMine(s.volunteerNo)}
                  loading={busy?.length === 1 && busy[0] === s.id}
                  onClick={() => onAccept(s)}
                >
                  {t.accept}
                </Button>
              )}
              <Button size="small" danger disabled={isMine(s.volunteerNo)} onClick={() => onReject(s)}>
                {t.reject}
              </Button>
            </Space>
          </SelfDecisionHint>
        ) : null,
    },
  ];
  return (
    <Table<SignupRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items}
      loading={loading}
      rowSelection={{
        selectedRowKeys: selected,
        onChange: (keys) => onSelect(keys.map(String)),
        getCheckboxProps: (s) => ({ disabled: !DECIDABLE.includes(s.status) || isMine(s.volunteerNo) }),
        preserveSelectedRowKeys: false,
      }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} /> }}
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
