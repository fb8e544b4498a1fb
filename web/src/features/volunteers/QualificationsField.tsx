import { Button, Card, DatePicker, Flex, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMessages } from '../../lib/i18n.tsx';
import { editMessages } from './edit.messages.ts';

/** Qualifications as a growing list of small cards (name and issuer required). */
export function QualificationsField() {
  const t = useMessages(editMessages);
  const req = [{ required: true, whitespace: true, message: t.required }];
  return (
    <Form.List name="qualifications">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8}>
          {fields.map(({ key, name }) => (
            <Card
              key={key}
              size="small"
              styles={{ body: { paddingBottom: 0 } }}
              extra={
                <Button
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined aria-hidden />}
                  onClick={() => remove(name)}
                >
                  {t.remove}
                </Button>
              }
              title={`#${name + 1}`}
            >
              <Form.Item name={[name, 'name']} label={t.qualName} rules={req}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name={[name, 'issuer']} label={t.qualIssuer} rules={req}>
                <Input maxLength={100} />
              </Form.Item>
              <Flex gap={8} wrap>
                <Form.Item name={[name, 'number']} label={t.qualNumber} style={{ flex: '1 1 140px' }}>
                  <Input maxLength={64} />
                </Form.Item>
                <Form.Item name={[name, 'validUntil']} label={t.qualValidUntil} style={{ flex: '1 1 140px' }}>
                  <DatePicker style={{ width: '100%' }} inputReadOnly />
                </Form.Item>
              </Flex>
            </Card>
          ))}
          {fields.length < 30 && (
            <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} block>
              {t.addQualification}
            </Button>
          )}
        </Flex>
      )}
    </Form.List>
  );
}
