import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { RecordView } from './api.ts';
import { useDuration } from './explain.tsx';
import { myRecordMessages } from './my.messages.ts';

interface Values {
  minutes: number;
  reason: string;
}

/** A volunteer asks the recording organization to correct the minutes of a confirmed record. */
export function CorrectionModal({
  record,
  onSubmit,
  onClose,
}: {
  record: RecordView | null;
  onSubmit: (minutes: number, reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useMessages(myRecordMessages);
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
      title={t.correctTitle}
      okText={t.submit}
      cancelText={t.cancel}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {record && (
        <Form
          form={form}
          name="record-correction"
          layout="vertical"
          requiredMark={false}
          preserve={false}
          initialValues={{ minutes: record.minutes }}
          onFinish={(v) => void submit(v)}
        >
          <Typography.Paragraph type="secondary">
            {record.activityTitle} · {fmt(t.current, { d: d(record.minutes) })}
            <br />
            {t.correctHint}
          </Typography.Paragraph>
          <Form.Item
            name="minutes"
            label={t.minutes}
            extra={typeof minutes === 'number' ? fmt(t.asDuration, { d: d(minutes) }) : undefined}
            rules={[{ required: true, type: 'integer', min: 0, max: 1440, message: t.minutesRequired }]}
          >
            <InputNumber min={0} max={1440} precision={0} inputMode="numeric" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t.reason}
            rules={[
              { required: true, whitespace: true, message: t.reasonRequired },
              { min: 2, max: 500, message: t.reasonRequired, transform: (s: string) => s.trim() },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t.reasonPlaceholder} />
          </Form.Item>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
