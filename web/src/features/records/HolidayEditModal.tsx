import { useState } from 'react';
import { Alert, App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { formatDays, parseDays, saveHolidayTable, type HolidayTable } from './holidays.ts';
import { holidayMessages } from './holidays.messages.ts';

interface Values {
  year: number;
  holidays: string;
  workdays: string;
  source: string;
}

/**
 * Enters a year's holidays from the notice: days and ranges as text (the way the notice lists them), a
 * count as you type, then a confirmation, since open records' due dates move.
 */
export function HolidayEditModal({
  open,
  initial,
  onSaved,
  onClose,
}: {
  open: boolean;
  /** The table to start from (the year shown), or a new year. */
  initial: HolidayTable | { year: number };
  onSaved: (redated: number) => void;
  onClose: () => void;
}) {
  const t = useMessages(holidayMessages);
  const { modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const holidaysText = Form.useWatch('holidays', form) ?? '';
  const workdaysText = Form.useWatch('workdays', form) ?? '';
  const year = Form.useWatch('year', form) ?? initial.year;
  const h = parseDays(holidaysText);
  const w = parseDays(workdaysText);
  const days = (rule: 'holidays' | 'workdays') => ({
    validator: (_: unknown, v: string | undefined) => {
      const p = parseDays(v ?? '');
      if (p.bad.length) return Promise.reject(new Error(fmt(t.badLines, { lines: p.bad.join(', ') })));
      if (rule === 'holidays' && p.days.length === 0) return Promise.reject(new Error(t.holidaysHint));
      return Promise.resolve();
    },
  });
  const save = (v: Values) =>
    modal.confirm({
      title: fmt(t.editTitle, { year: v.year }),
      content: t.saveConfirm,
      okText: t.save,
      cancelText: t.cancel,
      onOk: async () => {
        setError(null);
        try {
          const r = await saveHolidayTable(v.year, {
            holidays: parseDays(v.holidays).days,
            workdays: parseDays(v.workdays).days,
            source: v.source.trim(),
          });
          onSaved(r.redated);
          onClose();
        } catch (e) {
          setError((e as Error).message);
        }
      },
    });
  const start = 'holidays' in initial ? initial : undefined;
  return (
    <Modal
      open={open}
      title={fmt(t.editTitle, { year })}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        name="holiday-table"
        layout="vertical"
        requiredMark={false}
        preserve={false}
        initialValues={{
          year: initial.year,
          holidays: start ? formatDays(start.holidays).join('\n') : '',
          workdays: start ? formatDays(start.workdays).join('\n') : '',
          source: start && !start.provisional ? start.source : '',
        }}
        onFinish={save}
      >
        <Form.Item
          name="year"
          label={t.yearLabel}
          rules={[{ required: true, type: 'integer', min: 2020, max: 2100 }]}
        >
          <InputNumber min={2020} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="holidays" label={t.holidays} extra={t.holidaysHint} rules={[days('holidays')]}>
          <Input.TextArea rows={7} placeholder="2027-02-05 ~ 2027-02-11" />
        </Form.Item>
        <Form.Item name="workdays" label={t.workdays} extra={t.workdaysHint} rules={[days('workdays')]}>
          <Input.TextArea rows={3} placeholder="2027-02-14" />
        </Form.Item>
        <Form.Item
          name="source"
          label={t.sourceLabel}
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t.sourceRequired }]}
        >
          <Input maxLength={200} placeholder={t.sourcePlaceholder} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" data-testid="holiday-count">
        {fmt(t.count, { holidays: h.days.length, workdays: w.days.length })}
      </Typography.Text>
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginTop: 12 }} />}
    </Modal>
  );
}
