import { Form, Input } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { menuMessages } from './menuMessages.ts';

/**
 * A menu item's title and description, with the limits the server checks: the same two fields in the
 * item dialog (MenuItemDialog) and in an offer's form (OfferParts), so they cannot drift apart.
 */
export function ItemTextFields() {
  const t = useMessages(menuMessages);
  return (
    <>
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
    </>
  );
}
