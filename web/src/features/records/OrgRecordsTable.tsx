import { Button, Flex, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { RECORD_KIND_NAMES } from '@yiqi/shared/contracts/records';
import type { Page } from '../../lib/api.ts';
import { useMessages, useText } from '../../lib/i18n.tsx';
import { PagedTable } from '../common/PagedTable.tsx';
import { commonMessages } from '../common/messages.ts';
import { SelfDecisionHint, useIsMine } from '../common/SelfDecision.tsx';
import type { RecordView } from './api.ts';
import { DueCell, ExplainButton, FinalHours, VolunteerCell } from './cells.tsx';
import { recordMessages } from './messages.ts';
import { RecordStatusTag } from './tags.tsx';

interface Props {
  data: Page<RecordView> | undefined;
  loading: boolean;
  /** The id being approved right now. */
  busy: string | undefined;
  onApprove: (r: RecordView) => void;
  onReject: (r: RecordView) => void;
  onPage: (page: number, pageSize: number) => void;
}

/** An organization's records across activities: back-fills and corrections to approve, overdue drafts. */
export function OrgRecordsTable({ data, loading, busy, onApprove, onReject, onPage }: Props) {
  const t = useMessages(recordMessages);
  const c = useMessages(commonMessages);
  const text = useText();
  const isMine = useIsMine();
  const columns: ColumnsType<RecordView> = [
    { title: t.volunteer, key: 'who', render: (_, r) => <VolunteerCell r={r} /> },
    {
      title: t.activity,
      key: 'activity',
      render: (_, r) => (
        <Flex vertical style={{ maxWidth: 260 }}>
          {r.activityId ? (
            <Link to={`/activities/${r.activityId}/records`}>{r.activityTitle}</Link>
          ) : (
            <span>{r.activityTitle}</span>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.serviceDate}
            {r.positionName ? ` · ${r.positionName}` : ''}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t.kind,
      key: 'kind',
      render: (_, r) => <Tag style={{ marginInlineEnd: 0 }}>{text(RECORD_KIND_NAMES[r.kind])}</Tag>,
    },
    {
      title: t.final,
      key: 'hours',
      render: (_, r) => (
        <Flex vertical align="flex-start">
          <FinalHours r={r} />
          <ExplainButton r={r} />
        </Flex>
      ),
    },
    {
      title: t.status,
      key: 'status',
      render: (_, r) => (
        <Flex vertical gap={2} align="flex-start" style={{ maxWidth: 220 }}>
          <RecordStatusTag status={r.status} />
          {r.rejectReason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.rejectReason}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t.reasonCol,
      dataIndex: 'reason',
      responsive: ['lg'],
      render: (s: string | null) => <div style={{ maxWidth: 240 }}>{s ?? '—'}</div>,
    },
    { title: t.due, key: 'due', render: (_, r) => <DueCell r={r} /> },
    {
      title: c.actions,
      key: 'actions',
      render: (_, r) =>
        r.status === 'pending' ? (
          <SelfDecisionHint mine={isMine(r.volunteerNo)} code="RECORD_SELF_DECISION">
            <Space size={4}>
              <Button
                size="small"
                type="primary"
                disabled={isMine(r.volunteerNo)}
                loading={busy === r.id}
                onClick={() => onApprove(r)}
              >
                {t.approve}
              </Button>
              <Button size="small" danger disabled={isMine(r.volunteerNo)} onClick={() => onReject(r)}>
                {t.reject}
              </Button>
            </Space>
          </SelfDecisionHint>
        ) : r.status === 'draft' && r.activityId ? (
          <Link to={`/activities/${r.activityId}/records?status=draft`}>{t.openActivity}</Link>
        ) : null,
    },
  ];
  return (
    <PagedTable<RecordView>
      data={data}
      loading={loading}
      columns={columns}
      onPage={onPage}
      empty={t.empty}
      defaultPageSize={50}
      pageSizeOptions={[20, 50, 100, 200]}
    />
  );
}
