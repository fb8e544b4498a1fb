import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { VolunteerView } from './api.ts';
import { editMessages } from './edit.messages.ts';
import { phoneRule } from './GuardianFields.tsx';

/**
 * The emergency contact: the stored one is only shown masked, so a change means typing both again; left
 * empty it stays as it is, unless removal is asked for.
 */
export function EmergencyContactField({
  current,
  removing,
  onRemoving,
}: {
  current: VolunteerView['emergencyContact'];
  removing: boolean;
  onRemoving: (r: boolean) => void;
}) {
  const t = useMessages(editMessages);
  if (removing)
    return (
      <Alert
        type="warning"
        title={t.contactRemoved}
        action={
          <Button size="small" onClick={() => onRemoving(false)}>
            {t.undo}
          </Button>
        }
      />
    );
  const both = ({ getFieldValue }: { getFieldValue: (n: string[]) => unknown }) => ({
    validator: () => {
      const name = String(getFieldValue(['contact', 'name']) ?? '').trim();
      const phone = String(getFieldValue(['contact', 'phone']) ?? '').trim();
      return Boolean(name) === Boolean(phone) ? Promise.resolve() : Promise.reject(new Error(t.contactBoth));
    },
  });
  return (
    <>
      {current && (
        <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">
            {fmt(t.contactSaved, { value: `${current.name} · ${current.phoneMasked}` })}
          </Typography.Text>
          <Button size="small" danger onClick={() => onRemoving(true)}>
            {t.removeContact}
          </Button>
        </Flex>
      )}
      <Flex gap={8} wrap>
        <Form.Item
          name={['contact', 'name']}
          label={t.contactName}
          rules={[both, { max: 50 }]}
          dependencies={[['contact', 'phone']]}
          style={{ flex: '1 1 140px' }}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name={['contact', 'phone']}
          label={t.contactPhone}
          rules={[both, phoneRule(t.phoneInvalid)]}
          dependencies={[['contact', 'name']]}
          style={{ flex: '1 1 140px' }}
        >
          <Input inputMode="tel" maxLength={11} autoComplete="off" />
        </Form.Item>
      </Flex>
    </>
  );
}
