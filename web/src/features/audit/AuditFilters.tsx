import { useEffect } from 'react';
import { AutoComplete, Button, DatePicker, Form, Grid, Input, Select, Space } from 'antd';
import { SearchOutlined, UndoOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useMessages } from '../../lib/i18n.tsx';
import type { AuditFilter, AuditResult } from './api.ts';
import { ACTION_NAMES, auditMessages } from './messages.ts';
import { fromPicker, toPicker } from '../../lib/china-time.ts';

interface FilterForm {
  action?: string;
  actor?: string;
  result?: AuditResult;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** The filter bar: action, actor, result, time range (Beijing time). Applies on Search or Enter. */
export function AuditFilters({
  value,
  onChange,
}: {
  value: AuditFilter;
  onChange: (f: AuditFilter) => void;
}) {
  const t = useMessages(auditMessages);
  const actions = useMessages(ACTION_NAMES);
  const [form] = Form.useForm<FilterForm>();
  // On phones the bar stacks, each field full width.
  const narrow = Grid.useBreakpoint().md === false;
  const width = (w: number) => ({ width: narrow ? '100%' : w });

  // Follow the applied filter (URL) when it changes, not on every render: typing must not be overwritten.
  const applied = JSON.stringify(value);
  useEffect(() => {
    const from = toPicker(value.from) ?? null;
    const to = toPicker(value.to) ?? null;
    form.setFieldsValue({
      action: value.action,
      actor: value.actor,
      result: value.result,
      range: from || to ? [from, to] : null,
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, applied]);

  const apply = (v: FilterForm) =>
    onChange({
      action: v.action?.trim() || undefined,
      actor: v.actor?.trim() || undefined,
      result: v.result,
      from: v.range?.[0] ? new Date(fromPicker(v.range[0], 'second')).toISOString() : undefined,
      to: v.range?.[1] ? new Date(fromPicker(v.range[1], 'second')).toISOString() : undefined,
    });

  return (
    <Form<FilterForm>
      form={form}
      layout={narrow ? 'vertical' : 'inline'}
      onFinish={apply}
      style={{ rowGap: 12 }}
    >
      <Form.Item name="action" label={t.action}>
        <AutoComplete
          allowClear
          placeholder={t.actionPlaceholder}
          style={width(200)}
          options={Object.entries(actions).map(([k, name]) => ({ value: k, label: `${k} · ${name}` }))}
          showSearch={{
            filterOption: (input, o) =>
              String(o?.label ?? '')
                .toLowerCase()
                .includes(input.toLowerCase()),
          }}
        />
      </Form.Item>
      <Form.Item name="actor" label={t.actor}>
        <Input
          allowClear
          placeholder={t.actorPlaceholder}
          style={width(150)}
          autoCapitalize="none"
          spellCheck={false}
        />
      </Form.Item>
      <Form.Item name="result" label={t.result}>
        <Select
          allowClear
          placeholder={t.anyResult}
          style={width(120)}
          options={(['ok', 'denied', 'failed'] as const).map((r) => ({ value: r, label: t[r] }))}
        />
      </Form.Item>
      <Form.Item name="range" label={t.range}>
        <DatePicker.RangePicker
          showTime
          allowEmpty={[true, true]}
          placeholder={[t.from, t.to]}
          style={narrow ? { width: '100%' } : undefined}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />}>
            {t.search}
          </Button>
          <Button
            icon={<UndoOutlined aria-hidden />}
            onClick={() => {
              form.resetFields();
              onChange({});
            }}
          >
            {t.reset}
          </Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
