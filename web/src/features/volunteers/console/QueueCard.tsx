import { useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Space, Typography } from 'antd';
import { FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DOCUMENT_NAMES } from '@yiqi/shared/identity/documents';
import { formatTime } from '../../../lib/format.ts';
import { fmt, useMessages, useText } from '../../../lib/i18n.tsx';
import { ReasonModal } from '../../common/ReasonModal.tsx';
import { volunteerMessages } from '../messages.ts';
import { decideVerification, type QueueRow } from './api.ts';
import { DocumentViewer } from './DocumentViewer.tsx';
import { staffMessages } from './messages.ts';

/** One volunteer waiting for manual review: their registration, the documents, approve or reject. */
export function QueueCard({ row }: { row: QueueRow }) {
  const t = useMessages(staffMessages);
  const v = useMessages(volunteerMessages);
  const text = useText();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [viewing, setViewing] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const done = (msg: string) => {
    void message.success(msg);
    void qc.invalidateQueries({ queryKey: ['verification-queue'] });
    void qc.invalidateQueries({ queryKey: ['volunteers'] });
  };
  const approve = useMutation({
    mutationFn: () => decideVerification(row.id, 'approve'),
    onSuccess: () => done(t.approved),
    onError: (e) => void message.error(e.message),
  });
  const doc = viewing === null ? null : (row.documents[viewing] ?? null);
  const who = [
    row.gender ? v[row.gender] : null,
    row.age !== null ? fmt(v.ageValue, { n: row.age }) : null,
    row.regionName,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <Card size="small" data-testid="queue-card">
      <Flex justify="space-between" gap={12} wrap>
        <Flex vertical gap={2} style={{ minWidth: 220 }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {row.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
              {row.volunteerNo}
            </Typography.Text>
          </Typography.Text>
          <Typography.Text type="secondary">{who}</Typography.Text>
          <Typography.Text>
            {row.docType ? text(DOCUMENT_NAMES[row.docType]) : t.document}{' '}
            <Typography.Text code>{row.docNumberMasked}</Typography.Text>
          </Typography.Text>
        </Flex>
        <Flex vertical gap={6} align="flex-start">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.documents}
          </Typography.Text>
          <Space wrap size={6}>
            {row.documents.map((d, i) => (
              <Button
                key={d.id}
                size="small"
                icon={
                  d.mimeType === 'application/pdf' ? (
                    <FilePdfOutlined aria-hidden />
                  ) : (
                    <FileImageOutlined aria-hidden />
                  )
                }
                onClick={() => setViewing(i)}
                title={fmt(t.submittedAt, { time: formatTime(d.uploadedAt) })}
                data-testid="open-document"
              >
                {fmt(t.openDocument, { n: i + 1 })}
              </Button>
            ))}
          </Space>
        </Flex>
      </Flex>
      <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }}>
        <Button danger onClick={() => setRejecting(true)}>
          {t.reject}
        </Button>
        <Popconfirm
          title={fmt(t.approveConfirm, { name: row.name })}
          okText={t.approve}
          cancelText={t.cancel}
          okButtonProps={{ loading: approve.isPending }}
          onConfirm={() => approve.mutateAsync().catch(() => undefined)}
        >
          <Button type="primary" data-testid="approve-verification">
            {t.approve}
          </Button>
        </Popconfirm>
      </Flex>
      <DocumentViewer
        volunteerId={row.id}
        doc={doc}
        title={`${row.name} · ${fmt(t.openDocument, { n: (viewing ?? 0) + 1 })}`}
        onClose={() => setViewing(null)}
      />
      <ReasonModal
        open={rejecting}
        title={fmt(t.rejectTitle, { name: row.name })}
        label={t.rejectNote}
        hint={t.rejectHint}
        requiredMessage={t.rejectRequired}
        okText={t.reject}
        max={200}
        onSubmit={async (note) => {
          await decideVerification(row.id, 'reject', note);
          done(t.rejected);
        }}
        onClose={() => setRejecting(false)}
      />
    </Card>
  );
}
