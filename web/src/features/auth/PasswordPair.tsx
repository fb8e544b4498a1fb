import { Form, Input } from 'antd';

/** A new password and its confirmation, with the server's strength rule checked here first. */
export function PasswordPair({
  name,
  label,
  confirmLabel,
  rule,
  mismatch,
}: {
  name: string;
  label: string;
  confirmLabel: string;
  rule: string;
  mismatch: string;
}) {
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={rule}
        rules={[
          { required: true, message: rule },
          { min: 10, message: rule },
          { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: rule },
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={confirmLabel}
        dependencies={[name]}
        rules={[
          { required: true, message: mismatch },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(mismatch)),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
