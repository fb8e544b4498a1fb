import { Alert, Form, Input, Modal } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { commonMessages } from '../common/messages.ts';
import { dissolveOrganization, type DissolvedView, type OrganizationView } from './api.ts';
import { dissolveMessages } from './dissolve.messages.ts';
import { OrgPicker } from './OrgPicker.tsx';
import { useModalSubmit } from '../common/useModalSubmit.ts';

interface Props {
  org: OrganizationView | null;
  onDone: (r: DissolvedView) => void;
  onClose: () => void;
}

/** 注销组织: a reason (required) and an optional successor, after a warning that it is final. */
export function DissolveModal({ org, onDone, onClose }: Props) {
  const t = useMessages(dissolveMessages);
  const c = useMessages(commonMessages);
  const [form] = Form.useForm<{ reason: string; successorId?: string }>();
  const { busy, error, run } = useModalSubmit(Boolean(org), onClose);
  const submit = (v: { reason: string; successorId?: string }) =>
    run(async () => {
      onDone(await dissolveOrganization(org!.id, v.reason.trim(), v.successorId));
    });
  return (
    <Modal
      open={Boolean(org)}
      title={fmt(t.title, { name: org?.name ?? '' })}
      okText={t.confirm}
      cancelText={c.cancel}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'confirm-dissolve' }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t.warning} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        name="dissolve-form"
        layout="vertical"
        requiredMark={false}
        preserve={false}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="reason"
          label={t.reason}
          extra={t.reasonHint}
          rules={[
            { required: true, whitespace: true, message: t.reasonRequired },
            { min: 2, max: 500, message: t.reasonRequired, transform: (s: string) => s.trim() },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
        </Form.Item>
        <Form.Item name="successorId" label={t.successor} extra={t.successorHint}>
          <OrgPicker
            id="dissolve-successor"
            placeholder={t.successorPlaceholder}
            exclude={org ? [org.id] : []}
            allowClear
            onChange={(id) => form.setFieldValue('successorId', id)}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
