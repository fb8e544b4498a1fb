import { useState } from 'react';
import { Alert, AutoComplete, Flex, Form, Input, InputNumber, Modal, Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useModalSubmit } from '../common/useModalSubmit.ts';
import { listOrganizations } from '../organizations/api.ts';
import type { MenuItemViewT } from './api.ts';
import { addMenuItem, editMenuItem, type ItemFields } from './menuApi.ts';
import { menuMessages } from './menuMessages.ts';

const DAYS = ['reviewDays', 'dispatchDays', 'acceptDays', 'escalateDays', 'followUpDays'] as const;

/**
 * Create or edit a menu item of `region`'s unit: category (free text, the unit's own categories offered),
 * title, description, the teams able to deliver it and the working days each stage may take. The
 * server's message is shown in the dialog when it refuses (a team not approved, an item retired meanwhile).
 */
export function MenuItemDialog({
  open,
  region,
  item,
  categories,
  onClose,
  onSaved,
}: {
  open: boolean;
  region: string;
  /** The item edited; none for a new one. */
  item: MenuItemViewT | null;
  categories: string[];
  onClose: () => void;
  onSaved: (item: MenuItemViewT) => void;
}) {
  const t = useMessages(menuMessages);
  const [form] = Form.useForm<ItemFields>();
  const { busy, error, run } = useModalSubmit(open, onClose);
  const initial: ItemFields = item
    ? {
        category: item.category,
        title: item.title,
        description: item.description,
        teamIds: item.teams.map((x) => x.id),
        reviewDays: item.reviewDays,
        dispatchDays: item.dispatchDays,
        acceptDays: item.acceptDays,
        escalateDays: item.escalateDays,
        followUpDays: item.followUpDays,
      }
    : {
        category: '',
        title: '',
        description: '',
        teamIds: [],
        reviewDays: 1,
        dispatchDays: 1,
        acceptDays: 1,
        escalateDays: 1,
        followUpDays: 1,
      };
  const submit = (v: ItemFields) =>
    run(async () => {
      const body = { ...v, category: v.category.trim(), title: v.title.trim(), teamIds: v.teamIds ?? [] };
      onSaved(await (item ? editMenuItem(item.id, body) : addMenuItem(region, body)));
    });
  return (
    <Modal
      open={open}
      title={item ? t.editTitle : t.add}
      okText={t.ok}
      cancelText={t.cancel}
      okButtonProps={{ loading: busy }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form<ItemFields>
        form={form}
        name="menu-item"
        layout="vertical"
        preserve={false}
        initialValues={initial}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item
          name="category"
          label={t.category}
          extra={t.categoryHint}
          rules={[{ required: true, whitespace: true, max: 40, message: t.required }]}
        >
          <AutoComplete
            options={categories.map((c) => ({ value: c }))}
            filterOption={(input, o) => String(o?.value ?? '').includes(input)}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t.itemTitle}
          rules={[{ required: true, whitespace: true, max: 80, message: t.required }]}
        >
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t.description}
          extra={t.descriptionHint}
          rules={[{ required: true, whitespace: true, max: 2000, message: t.required }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="teamIds" label={t.teams} extra={t.teamsHint}>
          <TeamsPicker region={region} known={item?.teams ?? []} />
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 14, marginBottom: 8 }}>{t.timers}</legend>
          <Flex gap={12} wrap>
            {DAYS.map((d) => (
              <Form.Item
                key={d}
                name={d}
                label={t[d]}
                rules={[{ required: true, type: 'integer', min: 1, max: 30, message: t.daysRange }]}
                style={{ marginBottom: 12 }}
              >
                <InputNumber min={1} max={30} precision={0} style={{ width: 96 }} />
              </Form.Item>
            ))}
          </Flex>
        </fieldset>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Modal>
  );
}

/** Approved teams of the unit's area, found by name; the item's current teams named even when not found. */
function TeamsPicker({
  id,
  value,
  onChange,
  region,
  known,
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  region: string;
  known: { id: string; name: string }[];
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['organizations', { q, status: 'approved', region }, 1, 20],
    queryFn: ({ signal }) =>
      listOrganizations({ q: q || undefined, status: 'approved', region }, 1, 20, signal),
  });
  const [names, setNames] = useState(() => new Map(known.map((k) => [k.id, k.name])));
  const options = new Map(names);
  for (const o of found.data?.items ?? []) options.set(o.id, o.name);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(v: string[]) => {
        // Keep the names of the chosen teams once the search moves on.
        setNames(new Map([...names, ...v.map((x) => [x, options.get(x) ?? x] as [string, string])]));
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
      data-testid="menu-item-teams"
    />
  );
}
