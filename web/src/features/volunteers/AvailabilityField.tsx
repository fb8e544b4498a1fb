import { Button, Flex, Form, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMessages } from '../../lib/i18n.tsx';
import { editMessages } from './edit.messages.ts';
import { volunteerMessages } from './messages.ts';

/** Half-hour steps through the day. */
const TIMES = Array.from({ length: 48 }, (_, i) => {
  const h = String(Math.floor(i / 2)).padStart(2, '0');
  return `${h}:${i % 2 ? '30' : '00'}`;
});

/** Weekly availability: rows of day, start and end. */
export function AvailabilityField() {
  const t = useMessages(editMessages);
  const v = useMessages(volunteerMessages);
  const days = v.weekdays.split(',').map((label, i) => ({ value: i + 1, label }));
  const times = TIMES.map((x) => ({ value: x, label: x }));
  return (
    <Form.List name="availability">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map(({ key, name }) => (
            <Flex key={key} gap={6} align="flex-start">
              <Form.Item
                name={[name, 'weekday']}
                rules={[{ required: true, message: t.required }]}
                style={{ marginBottom: 0, flex: '0 0 84px' }}
              >
                <Select options={days} aria-label={t.weekday} />
              </Form.Item>
              <Form.Item
                name={[name, 'start']}
                rules={[{ required: true, message: t.required }]}
                style={{ marginBottom: 0, flex: 1 }}
              >
                <Select options={times} aria-label={t.start} showSearch />
              </Form.Item>
              <Form.Item
                name={[name, 'end']}
                dependencies={[['availability', name, 'start']]}
                style={{ marginBottom: 0, flex: 1 }}
                rules={[
                  { required: true, message: t.required },
                  ({ getFieldValue }) => ({
                    validator: (_, end?: string) => {
                      const start = getFieldValue(['availability', name, 'start']) as string | undefined;
                      return !end || !start || start < end
                        ? Promise.resolve()
                        : Promise.reject(new Error(t.slotOrder));
                    },
                  }),
                ]}
              >
                <Select options={times} aria-label={t.end} showSearch />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined aria-hidden />}
                aria-label={t.remove}
                onClick={() => remove(name)}
              />
            </Flex>
          ))}
          {fields.length < 50 && (
            <Button
              type="dashed"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ weekday: 6, start: '09:00', end: '12:00' })}
              block
            >
              {t.addSlot}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
