import { Alert, AutoComplete, Flex, Form, Input, InputNumber, Modal } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { useModalSubmit } from '../common/useModalSubmit.ts';
import { TeamsPicker } from './TeamsPicker.tsx';
import { ItemTextFields } from './ItemTextFields.tsx';
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
        <ItemTextFields />
        <Form.Item name="teamIds" label={t.teams} extra={t.teamsHint}>
          <TeamsPicker region={region} known={item?.teams ?? []} testId="menu-item-teams" />
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
