import { Button, DatePicker, Flex, Form, InputNumber, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import type { ActivityDetail } from './api.ts';
import { positionMessages } from './position.messages.ts';
import { toPicker } from '../../../lib/china-time.ts';

export interface ShiftFormValue {
  /** Kept from the existing shift, so the server edits it rather than replacing it. */
  id?: string;
  startsAt?: Dayjs;
  endsAt?: Dayjs;
  quota?: number;
  /** Shown only: places already held. */
  taken?: number;
}

const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/** The shifts of a position: start, end and quota each; at least one. */
export function ShiftsEditor({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(positionMessages);
  const form = Form.useFormInstance<{ shifts: ShiftFormValue[] }>();
  return (
    <Form.List
      name="shifts"
      rules={[
        {
          validator: (_, v: unknown[] | undefined) =>
            v && v.length > 0 ? Promise.resolve() : Promise.reject(new Error(t.shiftsRequired)),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={8}>
          <Typography.Text strong>{t.shifts}</Typography.Text>
          {fields.map(({ key, name }, i) => {
            const taken = (form.getFieldValue(['shifts', name, 'taken']) as number | undefined) ?? 0;
            return (
              <Flex key={key} gap={8} wrap align="flex-start" data-testid="shift-row">
                <Typography.Text type="secondary" style={{ width: 20, lineHeight: '32px' }}>
                  {i + 1}
                </Typography.Text>
                <Form.Item name={[name, 'id']} hidden>
                  <input type="hidden" />
                </Form.Item>
                <Form.Item
                  name={[name, 'startsAt']}
                  rules={[{ required: true, message: t.startRequired }]}
                  style={{ marginBottom: 8 }}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format={TIME_FORMAT}
                    placeholder={t.start}
                    aria-label={`${t.start} ${i + 1}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[name, 'endsAt']}
                  dependencies={[['shifts', name, 'startsAt']]}
                  rules={[
                    { required: true, message: t.endRequired },
                    ({ getFieldValue }) => ({
                      validator: (_, v: Dayjs | undefined) => {
                        const start = getFieldValue(['shifts', name, 'startsAt']) as Dayjs | undefined;
                        return !v || !start || v.isAfter(start)
                          ? Promise.resolve()
                          : Promise.reject(new Error(t.endAfterStart));
                      },
                    }),
                  ]}
                  style={{ marginBottom: 8 }}
                >
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format={TIME_FORMAT}
                    placeholder={t.end}
                    aria-label={`${t.end} ${i + 1}`}
                  />
                </Form.Item>
                <Form.Item
                  name={[name, 'quota']}
                  rules={[{ required: true, message: t.quotaRequired }]}
                  extra={taken ? fmt(t.takenNote, { n: taken }) : undefined}
                  style={{ marginBottom: 8 }}
                >
                  <InputNumber
                    min={1}
                    max={100000}
                    precision={0}
                    prefix={t.quota}
                    aria-label={`${t.quota} ${i + 1}`}
                    style={{ width: 150 }}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={`${t.removeShift} ${i + 1}`}
                  title={taken ? t.removeTakenWarning : t.removeShift}
                  disabled={fields.length <= 1}
                  onClick={() => remove(name)}
                />
              </Flex>
            );
          })}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => {
              const list = (form.getFieldValue('shifts') as ShiftFormValue[] | undefined) ?? [];
              const last = list[list.length - 1];
              add({
                startsAt: last?.startsAt ?? toPicker(activity.startsAt),
                endsAt: last?.endsAt ?? toPicker(activity.endsAt),
                quota: last?.quota ?? 10,
              });
            }}
            style={{ alignSelf: 'flex-start' }}
          >
            {t.addShift}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
