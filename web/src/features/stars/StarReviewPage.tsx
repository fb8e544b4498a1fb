import { useRef, useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { keys, reviewStar, starQueue, type StarApplication } from './api.ts';
import { starMessages } from './messages.ts';
import { ObjectionsModal } from './ObjectionsModal.tsx';

const PAGE_SIZE = 20;
const STATUSES = ['submitted', 'noticed', 'certified', 'rejected'] as const;

/** 星级评定 — the federation's queue: approve into public notice or reject; objections to candidates. */
export default function StarReviewPage() {
  const t = useMessages(starMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('submitted');
  const [page, setPage] = useState(1);
  const [rejecting, setRejecting] = useState<StarApplication | null>(null);
  const [reason, setReason] = useState('');
  // Whether the reviewer ticked the scheme's extra conditions in the confirmation.
  const checked = useRef(false);
  const [objections, setObjections] = useState<StarApplication | null>(null);
  const q = useQuery({
    queryKey: [...keys.queue, status, page],
    queryFn: ({ signal }) => starQueue(status, page, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });
  const review = useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      approve: boolean;
      reason?: string;
      conditionsChecked?: boolean;
    }) => reviewStar(id, body),
    onSuccess: () => {
      void message.success(t.done);
      setRejecting(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: keys.queue });
    },
    onError: (e) => void message.error(e.message),
  });

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t.reviewTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.reviewIntro}</Typography.Text>
      <Segmented
        options={STATUSES.map((s) => ({ value: s, label: t[s] }))}
        value={status}
        onChange={(v) => {
          setStatus(v);
          setPage(1);
        }}
      />
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<StarApplication>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items ?? []}
          locale={{ emptyText: t.emptyQueue }}
          scroll={{ x: 760 }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: q.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t.volunteer,
              render: (_, a) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{a.name}</Typography.Text>
                  <Typography.Text type="secondary">{a.volunteerNo}</Typography.Text>
                </Space>
              ),
            },
            { title: t.star, render: (_, a) => fmt(t.starsN, { n: a.level }) },
            { title: t.hoursCol, dataIndex: 'hours' },
            {
              title: t.status,
              render: (_, a) => (
                <Space direction="vertical" size={0}>
                  <Tag>{t[a.status]}</Tag>
                  {a.status === 'noticed' && a.noticeUntil && (
                    <Typography.Text type="secondary">
                      {fmt(t.noticeUntil, { d: a.noticeUntil })}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: t.appliedAt, render: (_, a) => a.appliedAt.slice(0, 10) },
            {
              title: t.actions,
              render: (_, a) =>
                a.status === 'submitted' ? (
                  <Space wrap>
                    <Popconfirm
                      title={t.approveConfirm}
                      description={
                        <Checkbox onChange={(e) => (checked.current = e.target.checked)}>
                          {t.conditionsChecked}
                        </Checkbox>
                      }
                      okText={t.approve}
                      cancelText={t.cancel}
                      onOpenChange={(open) => open && (checked.current = false)}
                      onConfirm={() =>
                        review.mutate({ id: a.id, approve: true, conditionsChecked: checked.current })
                      }
                    >
                      <Button type="primary" loading={review.isPending}>
                        {t.approve}
                      </Button>
                    </Popconfirm>
                    <Button danger onClick={() => setRejecting(a)}>
                      {t.reject}
                    </Button>
                  </Space>
                ) : a.status === 'noticed' ? (
                  <Button onClick={() => setObjections(a)}>
                    {fmt(t.objections, { n: a.openObjections })}
                  </Button>
                ) : null,
            },
          ]}
        />
      )}
      <Modal
        open={rejecting !== null}
        title={t.reject}
        okText={t.reject}
        okButtonProps={{ danger: true, disabled: reason.trim().length === 0, loading: review.isPending }}
        cancelText={t.cancel}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && review.mutate({ id: rejecting.id, approve: false, reason: reason.trim() })}
      >
        <Input.TextArea
          rows={3}
          placeholder={t.rejectReason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
      </Modal>
      {objections && <ObjectionsModal application={objections} onClose={() => setObjections(null)} />}
    </Flex>
  );
}
