import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { RecordView } from './api.ts';
import { useDuration } from './explain.tsx';
import { recordMessages } from './messages.ts';

interface Values {
  minutes: number;
  reason: string;
}

/** Confirms one draft with other minutes than computed, and the reason for it (required). */
export function AdjustModal({
  record,
  onSubmit,
  onClose,
}: {
  record: RecordView | null;
  onSubmit: (minutes: number, reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useMessages(recordMessages);
  const d = useDuration();
  const [form] = Form.useForm<Values>();
  const minutes = Form.useWatch('minutes', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (record) setError(null);
  }, [record]);
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await onSubmit(v.minutes, v.reason.trim());
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={record !== null}
      title={t.adjustTitle}
      okText={t.confirm}
      cancelText={t.cancel}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {record && (
        <Form
          form={form}
          name="adjust-record"
          layout="vertical"
          requiredMark={false}
          preserve={false}
          initialValues={{ minutes: record.computedMinutes ?? record.minutes }}
          onFinish={(v) => void submit(v)}
        >
          <Typography.Paragraph type="secondary">
            {fmt(t.adjustFor, {
              name: record.volunteerName ?? '—',
              no: record.volunteerNo,
              computed: d(record.computedMinutes ?? record.minutes),
            })}
          </Typography.Paragraph>
          <Form.Item
            name="minutes"
            label={t.minutes}
            extra={typeof minutes === 'number' ? fmt(t.asDuration, { d: d(minutes) }) : undefined}
            rules={[{ required: true, type: 'integer', min: 0, max: 1440, message: t.minutesRequired }]}
          >
            <InputNumber min={0} max={1440} precision={0} style={{ width: 200 }} autoFocus />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t.adjustReason}
            extra={t.adjustReasonHint}
            rules={[
              { required: true, whitespace: true, message: t.adjustReasonRequired },
              { min: 2, max: 500, message: t.adjustReasonRequired, transform: (s: string) => s.trim() },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
