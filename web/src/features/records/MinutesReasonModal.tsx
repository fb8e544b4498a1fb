import type { ReactNode } from 'react';
import { Alert, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { DAY_MINUTES } from '@yiqi/shared/records/hours';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { RecordView } from './api.ts';
import { useDuration } from './explain.tsx';
import { recordMessages } from './messages.ts';
import { useModalSubmit } from '../common/useModalSubmit.ts';

interface Values {
  minutes: number;
  reason: string;
}

export interface MinutesReasonText {
  title: string;
  okText: string;
  minutesLabel: string;
  reasonLabel: string;
  reasonHint?: string;
  reasonPlaceholder?: string;
  reasonRequired: string;
}

/**
 * Other minutes for one record, with the reason they differ (required): the organizer's adjustment of a
 * draft, or a volunteer's correction request. Closed, the form is gone, so the next record starts afresh.
 */
export function MinutesReasonModal({
  record,
  name,
  text,
  intro,
  initialMinutes,
  autoFocus = true,
  onSubmit,
  onClose,
}: {
  record: RecordView | null;
  /** The form's name (ids of its fields). */
  name: string;
  text: MinutesReasonText;
  intro: (r: RecordView) => ReactNode;
  initialMinutes: (r: RecordView) => number;
  autoFocus?: boolean;
  onSubmit: (minutes: number, reason: string) => Promise<unknown>;
  onClose: () => void;
}) {
  const t = useMessages(recordMessages);
  const d = useDuration();
  const [form] = Form.useForm<Values>();
  const minutes = Form.useWatch('minutes', form);
  const { busy, error, run } = useModalSubmit(Boolean(record), onClose);
  const submit = (v: Values) =>
    run(async () => {
      await onSubmit(v.minutes, v.reason.trim());
    });
  return (
    <Modal
      open={record !== null}
      title={text.title}
      okText={text.okText}
      cancelText={t.cancel}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {record && (
        <Form
          form={form}
          name={name}
          layout="vertical"
          requiredMark={false}
          preserve={false}
          initialValues={{ minutes: initialMinutes(record) }}
          onFinish={(v) => void submit(v)}
        >
          <Typography.Paragraph type="secondary">{intro(record)}</Typography.Paragraph>
          <Form.Item
            name="minutes"
            label={text.minutesLabel}
            extra={typeof minutes === 'number' ? fmt(t.asDuration, { d: d(minutes) }) : undefined}
            rules={[
              {
                required: true,
                type: 'integer',
                min: 0,
                max: DAY_MINUTES,
                message: fmt(t.minutesRequired, { max: DAY_MINUTES }),
              },
            ]}
          >
            <InputNumber
              min={0}
              max={DAY_MINUTES}
              precision={0}
              inputMode="numeric"
              style={{ width: 200 }}
              autoFocus={autoFocus}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={text.reasonLabel}
            extra={text.reasonHint}
            rules={[
              { required: true, whitespace: true, message: text.reasonRequired },
              { min: 2, max: 500, message: text.reasonRequired, transform: (s: string) => s.trim() },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={text.reasonPlaceholder} />
          </Form.Item>
        </Form>
      )}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
