import { useEffect, useState } from 'react';
import { Card, Descriptions, Flex, Input, Result, Skeleton, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { CERTIFICATE_NUMBER, normalizeCertificateNumber } from '@yiqi/shared/contracts/certificates';
import { isApiError } from '../../lib/api.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { keys, checkCertificate, type CertificateCheck } from './api.ts';
import { certificateMessages, certificateCheckMessages } from './messages.ts';
import { useCounts } from './tags.tsx';

/** /verify and /verify/:number — anyone checks a certificate by its number; the QR code links here. */
export default function CertificateCheckPage() {
  const t = useMessages(certificateCheckMessages);
  const navigate = useNavigate();
  const { number: raw } = useParams();
  const number = raw ? normalizeCertificateNumber(raw) : undefined;
  const [typed, setTyped] = useState(number ?? '');
  const [formatError, setFormatError] = useState(false);
  useEffect(() => {
    setTyped(number ?? '');
    setFormatError(false);
  }, [number]);
  const q = useQuery({
    queryKey: keys.verify(number ?? ''),
    queryFn: ({ signal }) => checkCertificate(number!, signal),
    enabled: Boolean(number && CERTIFICATE_NUMBER.test(number)),
  });
  const submit = (value: string) => {
    const n = normalizeCertificateNumber(value);
    if (!CERTIFICATE_NUMBER.test(n)) return setFormatError(true);
    setFormatError(false);
    navigate(`/verify/${n}`);
  };

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <SafetyCertificateOutlined aria-hidden style={{ color: '#d4380d', marginInlineEnd: 8 }} />
          {t.title}
        </Typography.Title>
        <Typography.Text type="secondary">{t.intro}</Typography.Text>
      </Flex>
      <Card>
        <Flex vertical gap={6}>
          <Input.Search
            size="large"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={submit}
            placeholder={t.placeholder}
            enterButton={t.check}
            allowClear
            maxLength={40}
            aria-label={t.placeholder}
            status={formatError ? 'error' : undefined}
            data-testid="verify-input"
          />
          {formatError && (
            <Typography.Text type="danger" role="alert">
              {t.invalidFormat}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      {number && !CERTIFICATE_NUMBER.test(number) ? (
        <Card>
          <Result status="warning" title={t.notFound} subTitle={t.invalidFormat} />
        </Card>
      ) : number ? (
        q.isPending ? (
          <Card>
            <Skeleton active />
          </Card>
        ) : q.isError ? (
          <Card>
            {isApiError(q.error, 'NOT_FOUND') ? (
              <Result status="404" title={t.notFound} subTitle={t.notFoundHint} />
            ) : (
              <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
            )}
          </Card>
        ) : (
          <Verdict v={q.data} />
        )
      ) : null}
    </Flex>
  );
}

function Verdict({ v }: { v: CertificateCheck }) {
  const t = useMessages(certificateCheckMessages);
  const c = useMessages(certificateMessages);
  const counts = useCounts();
  const [status, title, hint] =
    v.status === 'revoked'
      ? (['error', t.revoked, fmt(t.revokedHint, { date: v.revokedDate ?? '' })] as const)
      : v.changed
        ? (['warning', t.changed, t.changedHint] as const)
        : (['success', t.valid, t.validHint] as const);
  return (
    <Card
      data-testid="verify-result"
      data-status={v.valid ? 'valid' : v.status === 'revoked' ? 'revoked' : 'changed'}
    >
      <Result status={status} title={title} subTitle={hint} style={{ paddingBottom: 8 }} />
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          {
            key: 'number',
            label: c.number,
            children: <Typography.Text copyable>{v.number}</Typography.Text>,
          },
          { key: 'issuer', label: c.issuer, children: v.issuerName },
          ...(v.originalUnitName
            ? [
                {
                  key: 'original',
                  label: c.originalUnit,
                  children: fmt(c.dissolvedUnit, { name: v.originalUnitName }),
                },
              ]
            : []),
          { key: 'name', label: t.volunteer, children: v.volunteerName },
          { key: 'hours', label: t.totalHours, children: counts.hours(v.totalHours) },
          { key: 'records', label: t.recordCount, children: counts.records(v.recordCount) },
          { key: 'date', label: c.issueDate, children: v.issueDate },
          ...(v.revokedDate ? [{ key: 'revoked', label: c.revokedAt, children: v.revokedDate }] : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
        {t.privacy}
      </Typography.Paragraph>
    </Card>
  );
}
