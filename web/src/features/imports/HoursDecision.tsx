import { useState } from 'react';
import { Alert, App, Button, Flex, Popconfirm, Statistic, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ReasonModal } from '../common/ReasonModal.tsx';
import { decideImport, type ImportJob } from './api.ts';
import { hoursMessages } from './hours.messages.ts';

/**
 * Where an hours import's records stand, and the second person's decision on all of its pending ones.
 * The uploader sees that it waits for someone else (the server refuses their own approval too).
 */
export function HoursDecision({ job }: { job: ImportJob }) {
  const t = useMessages(hoursMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [rejecting, setRejecting] = useState(false);
  const counts = job.records ?? { pending: 0, confirmed: 0, rejected: 0 };
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['import', job.id] }),
      qc.invalidateQueries({ queryKey: ['imports'] }),
      qc.invalidateQueries({ queryKey: ['records'] }),
    ]);
  const decide = useMutation({
    mutationFn: (v: { decision: 'approve' | 'reject'; reason?: string }) =>
      decideImport(job.id, v.decision, v.reason),
    onSuccess: async (r) => {
      void message.success(fmt(t.decided, { confirmed: r.confirmed, rejected: r.rejected }));
      if (r.leftPending) void message.warning(fmt(t.leftPending, { n: r.leftPending }), 8);
      await refresh();
    },
  });
  return (
    <Flex vertical gap={12} data-testid="hours-decision">
      {job.reason && <Typography.Text>{fmt(t.batchReason, { reason: job.reason })}</Typography.Text>}
      <Flex gap={32} wrap>
        <Statistic title={t.pending} value={counts.pending} styles={{ content: { color: '#d46b08' } }} />
        <Statistic title={t.confirmed} value={counts.confirmed} styles={{ content: { color: '#389e0d' } }} />
        <Statistic title={t.rejected} value={counts.rejected} />
      </Flex>
      {counts.pending > 0 &&
        (job.createdByMe ? (
          <Alert type="info" showIcon title={t.waitTitle} description={t.waitBody} />
        ) : (
          <Alert
            type="warning"
            showIcon
            title={t.decideTitle}
            description={
              <Flex vertical gap={8}>
                {t.decideBody}
                <Flex gap={8} wrap>
                  <Popconfirm
                    title={fmt(t.approveConfirm, { n: counts.pending })}
                    okText={t.approveAll}
                    onConfirm={() =>
                      decide.mutateAsync({ decision: 'approve' }).catch((e: Error) => {
                        void message.error(e.message);
                      })
                    }
                  >
                    <Button type="primary" icon={<CheckOutlined aria-hidden />} loading={decide.isPending}>
                      {t.approveAll}
                    </Button>
                  </Popconfirm>
                  <Button
                    danger
                    icon={<CloseOutlined aria-hidden />}
                    disabled={decide.isPending}
                    onClick={() => setRejecting(true)}
                  >
                    {t.rejectAll}
                  </Button>
                </Flex>
              </Flex>
            }
          />
        ))}
      {job.orgId && <Link to={`/records?org=${job.orgId}&view=pending`}>{t.openRecords}</Link>}
      <ReasonModal
        open={rejecting}
        title={t.rejectTitle}
        label={t.rejectLabel}
        requiredMessage={t.rejectRequired}
        okText={t.rejectAll}
        min={2}
        onSubmit={(reason) => decide.mutateAsync({ decision: 'reject', reason })}
        onClose={() => setRejecting(false)}
      />
    </Flex>
  );
}
