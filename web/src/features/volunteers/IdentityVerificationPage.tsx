import { Alert, App, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { Loading } from '../shell/Loading.tsx';
import { MY_VOLUNTEER_KEY, verifyOnline, type VolunteerView } from './api.ts';
import { DocumentUpload } from './DocumentUpload.tsx';
import { NoRecord } from './NoRecord.tsx';
import { useMyVolunteer } from './useMyVolunteer.ts';
import { VerificationTag } from './VerificationTag.tsx';
import { identityVerificationMessages } from './verification.messages.ts';

type Msgs = (typeof identityVerificationMessages)['zh-CN'];
const REASONS = ['no_match', 'name_mismatch', 'invalid_number', 'unsupported_document'] as const;

/** A rejection's reason: the online check's codes in words, a reviewer's note as written. */
function reasonText(t: Msgs, note: string | null): string {
  if (!note) return t.noReason;
  return (REASONS as readonly string[]).includes(note) ? t[note as (typeof REASONS)[number]] : note;
}

function StatusCard({ v }: { v: VolunteerView }) {
  const t = useMessages(identityVerificationMessages);
  const s = v.verification;
  const body =
    s.status === 'rejected' ? fmt(t.rejectedBody, { reason: reasonText(t, s.note) }) : t[`${s.status}Body`];
  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Flex align="center" gap={8}>
          <SafetyCertificateOutlined
            aria-hidden
            style={{ fontSize: 20, color: s.status === 'verified' ? '#52c41a' : '#d4380d' }}
          />
          <Typography.Text strong>{t.status}</Typography.Text>
          <VerificationTag status={s.status} />
        </Flex>
        <Typography.Text
          type={s.status === 'rejected' ? 'danger' : undefined}
          data-testid="verification-body"
        >
          {body}
        </Typography.Text>
        {s.status === 'verified' && (
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'at', label: t.verifiedAt, children: s.verifiedAt ? formatTime(s.verifiedAt) : '—' },
              { key: 'm', label: t.method, children: s.method ? t[s.method] : '—' },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
}

/** /m/verify — status, the online check for mainland ID cards, and document upload for the rest. */
export default function IdentityVerificationPage() {
  const t = useMessages(identityVerificationMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const q = useMyVolunteer();
  const online = useMutation({
    mutationFn: verifyOnline,
    onSuccess: (v) => {
      qc.setQueryData(MY_VOLUNTEER_KEY, v);
      if (v.verification.status === 'verified') void message.success(t.onlineOk);
      else void message.warning(t.onlineFailed);
    },
    onError: (e) => void message.error(e.message),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const v = q.data;
  if (!v) return <NoRecord />;
  const status = v.verification.status;
  const mainland = v.docType === 'mainland_id';
  const open = status !== 'verified';

  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.title}
      </Typography.Title>
      <Typography.Text type="secondary">{t.intro}</Typography.Text>
      <StatusCard v={v} />
      {open && mainland && status !== 'pending' && (
        <Card size="small" title={t.onlineTitle}>
          <Typography.Paragraph>{t.onlineBody}</Typography.Paragraph>
          <Button
            type="primary"
            size="large"
            block
            icon={<SafetyCertificateOutlined aria-hidden />}
            loading={online.isPending}
            onClick={() => online.mutate()}
            data-testid="verify-online"
          >
            {t.onlineButton}
          </Button>
        </Card>
      )}
      {open && (!mainland || status === 'rejected' || status === 'pending') && (
        <Card size="small" title={t.uploadTitle}>
          {mainland && status === 'rejected' && (
            <Alert type="info" showIcon title={t.uploadAlt} style={{ marginBottom: 12 }} />
          )}
          <Typography.Paragraph>{t.uploadBody}</Typography.Paragraph>
          <DocumentUpload />
        </Card>
      )}
    </Flex>
  );
}
