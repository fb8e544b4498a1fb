import { useState } from 'react';
import { Alert, DatePicker, Form, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { commonMessages } from '../../common/messages.ts';
import { staffCheckOut, type BoardRow, type CheckResult } from './api.ts';
import { attendanceMessages } from './attendance.messages.ts';
import { fromPicker } from '../../../lib/china-time.ts';
import { shortTime } from './time.ts';

interface Props {
  activityId: string;
  row: BoardRow | null;
  onClose: () => void;
  onDone: (r: CheckResult) => void;
}

/**
 * Checks a volunteer out on their behalf: now, or at the time they actually left (completing a check-out
 * they forgot).
 */
export function CheckOutModal({ activityId, row, onClose, onDone }: Props) {
  const t = useMessages(attendanceMessages);
  const c = useMessages(commonMessages);
  const [form] = Form.useForm<{ at?: Dayjs | null }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async ({ at }: { at?: Dayjs | null }) => {
    if (!row) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await staffCheckOut(activityId, row.signupId, at ? fromPicker(at) : undefined));
      onClose();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={row !== null}
      title={fmt(t.checkOutTitle, { name: row?.name ?? row?.volunteerNo ?? '' })}
      okText={t.staffCheckOut}
      cancelText={c.cancel}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterOpenChange={(open) => open && setError(null)}
      destroyOnHidden
    >
      {row?.checkInAt && (
        <Typography.Paragraph type="secondary">
          {fmt(t.checkedInAt, { time: shortTime(row.checkInAt) })} ·{' '}
          {fmt(t.shiftEnds, { time: shortTime(row.shiftEndsAt) })}
        </Typography.Paragraph>
      )}
      <Form form={form} name="check-out" layout="vertical" preserve={false} onFinish={(v) => void submit(v)}>
        <Form.Item name="at" label={t.actualTime} extra={t.actualTimeHint}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            placeholder={t.now}
            style={{ width: 240 }}
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}
