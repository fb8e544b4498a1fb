import { Alert, Form, Input, Modal, Typography } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { commonMessages } from '../common/messages.ts';
import { issueCertificate, type CertificateView } from './api.ts';
import { certificateAdminMessages } from './admin.messages.ts';
import { regionQueueMessages } from './region.messages.ts';
import { useModalSubmit } from '../common/useModalSubmit.ts';
import { formatHours } from '../../lib/format.ts';

interface Values {
  issuerName?: string;
  personInCharge?: string;
  contactPhone?: string;
}

/**
 * Confirms issuing: what will be frozen, and the handler printed on it (always me, the signed-in issuer).
 * When the region issues (the recording unit dissolved, nothing above it), also the issuing body, its
 * person in charge and contact phone.
 */
export function IssueModal({
  c,
  onIssued,
  onClose,
}: {
  c: CertificateView | null;
  onIssued: (issued: CertificateView) => void;
  onClose: () => void;
}) {
  const t = useMessages(certificateAdminMessages);
  const rq = useMessages(regionQueueMessages);
  const byRegion = c !== null && c.issuerOrgId === null;
  const common = useMessages(commonMessages);
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useModalSubmit(Boolean(c), onClose);
  const submit = (v: Values) =>
    run(async () => {
      onIssued(
        await issueCertificate(c!.id, {
          issuerName: v.issuerName?.trim(),
          personInCharge: v.personInCharge?.trim(),
          contactPhone: v.contactPhone?.trim(),
        }),
      );
    });
  return (
    <Modal
      open={Boolean(c)}
      title={fmt(t.issueTitle, { name: c?.volunteerName ?? c?.volunteerNo ?? '' })}
      okText={t.issue}
      cancelText={common.cancel}
      okButtonProps={{ loading: busy, disabled: c?.recordCount === 0 }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {c && (
        <Typography.Paragraph>
          {fmt(t.issueSummary, { n: c.recordCount, h: formatHours(c.totalHours) })}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        name="issue-form"
        layout="vertical"
        requiredMark={false}
        preserve={false}
        onFinish={(v) => void submit(v)}
      >
        {byRegion && (
          <>
            <Form.Item name="issuerName" label={rq.issuerName} rules={[{ min: 2, max: 100 }]}>
              <Input maxLength={100} placeholder={rq.issuerNamePlaceholder} />
            </Form.Item>
            <Form.Item
              name="personInCharge"
              label={rq.personInCharge}
              rules={[{ required: true, whitespace: true, max: 50, message: rq.personInChargeRequired }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              name="contactPhone"
              label={t.contactPhone}
              rules={[{ pattern: /^\+?[0-9][0-9 -]{6,19}$/, message: t.contactPhoneInvalid }]}
            >
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </>
        )}
        <Form.Item label={t.handlerName} extra={byRegion ? rq.regionIssueNote : t.personInChargeNote}>
          <Input value={me.displayName} disabled />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
