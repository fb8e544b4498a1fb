import { Alert, Form, Input, Modal } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { commonMessages } from './messages.ts';
import { useModalSubmit } from './useModalSubmit.ts';

interface Props {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  requiredMessage: string;
  okText: string;
  /** Shortest acceptable reason (the API's own minimum). */
  min?: number;
  max?: number;
  danger?: boolean;
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
}

/** Asks for a reason before an action that needs one (a rejection, seeing an unmasked number). */
export function ReasonModal({
  open,
  title,
  label,
  hint,
  requiredMessage,
  okText,
  min = 1,
  max = 500,
  danger = true,
  onSubmit,
  onClose,
}: Props) {
  const c = useMessages(commonMessages);
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, error, run } = useModalSubmit(open, onClose);
  const submit = ({ reason }: { reason: string }) =>
    run(async () => {
      await onSubmit(reason.trim());
    });
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={c.cancel}
      okButtonProps={{ danger, loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {/* Closed, the modal and its form are gone (preserve off): the next opening starts empty. */}
      <Form
        form={form}
        name="reason-form"
        layout="vertical"
        requiredMark={false}
        preserve={false}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="reason"
          label={label}
          extra={hint}
          rules={[
            { required: true, whitespace: true, message: requiredMessage },
            { min, max, message: requiredMessage, transform: (s: string) => s.trim() },
          ]}
        >
          <Input.TextArea rows={3} maxLength={max} showCount autoFocus />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
