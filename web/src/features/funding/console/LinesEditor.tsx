import { Button, Form, Input, InputNumber, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMessages } from '../../../lib/i18n.tsx';
import { fundingMessages } from '../messages.ts';

/** One input of a line: text, or a number within the given bounds. Its label is its placeholder too. */
export interface LineColumn {
  name: string;
  label: string;
  number?: { min: number; max?: number; precision?: number };
}

/**
 * The editable list of lines of a funding form (a proposal's budget lines, a round's criteria and tiers):
 * one row of required inputs a line, a button to remove it while more than `keep` are left, and one to add
 * `newLine`.
 */
export function LinesEditor({
  name,
  columns,
  newLine,
  keep = 0,
}: {
  name: string;
  columns: LineColumn[];
  newLine: Record<string, unknown>;
  keep?: number;
}) {
  const t = useMessages(fundingMessages);
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" wrap style={{ display: 'flex' }}>
              {columns.map((c) => (
                <Form.Item key={c.name} name={[f.name, c.name]} rules={[{ required: true }]}>
                  {c.number ? (
                    <InputNumber {...c.number} placeholder={c.label} aria-label={c.label} />
                  ) : (
                    <Input placeholder={c.label} aria-label={c.label} />
                  )}
                </Form.Item>
              ))}
              {fields.length > keep && (
                <MinusCircleOutlined aria-label={t.remove} onClick={() => remove(f.name)} />
              )}
            </Space>
          ))}
          <Button type="dashed" onClick={() => add(newLine)} icon={<PlusOutlined aria-hidden />}>
            {t.add}
          </Button>
        </>
      )}
    </Form.List>
  );
}
