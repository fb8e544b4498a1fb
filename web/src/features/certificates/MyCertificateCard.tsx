import { useState } from 'react';
import { App, Button, Card, Flex, Typography } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { formatTime } from '../../lib/format.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { downloadMyCertificate, type CertificateView } from './api.ts';
import { certificateMessages } from './messages.ts';
import { myCertificateMessages } from './my.messages.ts';
import { CertificateStatusTag, useCounts, useScopeText } from './tags.tsx';

/** One of my requests or certificates: where it stands, what it covers, the PDF once issued. */
export function MyCertificateCard({ c }: { c: CertificateView }) {
  const t = useMessages(myCertificateMessages);
  const m = useMessages(certificateMessages);
  const scopeText = useScopeText();
  const counts = useCounts();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadMyCertificate(c);
      void message.success(m.downloaded);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const line = (label: string, value: string) => (
    <Typography.Text>
      <Typography.Text type="secondary">
        {label}
        {m.colon}
      </Typography.Text>
      {value}
    </Typography.Text>
  );

  return (
    <Card size="small" data-testid="my-certificate">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="flex-start" gap={8}>
          <Typography.Text strong>{c.orgName}</Typography.Text>
          <CertificateStatusTag status={c.status} />
        </Flex>
        {c.number && line(m.number, c.number)}
        {line(m.scope, scopeText(c))}
        <Typography.Text>{counts.recordsHours(c.recordCount, c.totalHours)}</Typography.Text>
        {c.purpose && line(m.purpose, c.purpose)}
        {c.status === 'requested' && (
          <Typography.Text type="secondary">
            {formatTime(c.requestedAt)} · {t.waiting}
          </Typography.Text>
        )}
        {c.issueDate && line(m.issueDate, c.issueDate)}
        {c.rejectReason && (
          <Typography.Text type="danger">{line(m.rejectReason, c.rejectReason)}</Typography.Text>
        )}
        {c.revokedAt && line(m.revokedAt, formatTime(c.revokedAt))}
        {c.revokeReason && (
          <Typography.Text type="danger">{line(m.revokeReason, c.revokeReason)}</Typography.Text>
        )}
        {c.status === 'issued' && c.number && (
          <Flex gap={8} wrap style={{ marginTop: 4 }}>
            <Button
              type="primary"
              icon={<DownloadOutlined aria-hidden />}
              loading={busy}
              onClick={() => void download()}
              data-testid="certificate-download"
            >
              {m.download}
            </Button>
            <Link to={`/verify/${c.number}`}>
              <Button icon={<SafetyCertificateOutlined aria-hidden />}>{m.checkPage}</Button>
            </Link>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
