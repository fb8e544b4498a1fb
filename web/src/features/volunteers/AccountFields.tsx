import { Form, Input } from 'antd';
import { LockOutlined, MobileOutlined } from '@ant-design/icons';
import { useMessages } from '../../lib/i18n.tsx';
import { authMessages } from '../auth/messages.ts';
import { phoneRule } from './GuardianFields.tsx';
import { volunteerMessages } from './messages.ts';
import { registerMessages } from './register.messages.ts';

/** First registration step: the mobile number that signs in, and a password. */
export function AccountFields() {
  const t = useMessages(registerMessages);
  const a = useMessages(authMessages);
  const v = useMessages(volunteerMessages);
  return (
    <>
      <Form.Item
        name="phone"
        label={v.phone}
        extra={t.phoneHint}
        rules={[{ required: true, message: t.phoneRequired }, phoneRule(t.phoneInvalid)]}
      >
        <Input
          prefix={<MobileOutlined aria-hidden />}
          inputMode="tel"
          autoComplete="tel"
          maxLength={11}
          autoFocus
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t.password}
        extra={a.passwordRule}
        rules={[
          { required: true, message: a.passwordRequired },
          { min: 10, message: a.passwordRule },
          { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: a.passwordRule },
        ]}
      >
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t.confirmPassword}
        dependencies={['password']}
        rules={[
          { required: true, message: a.passwordRequired },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('password')
                ? Promise.resolve()
                : Promise.reject(new Error(a.passwordMismatch)),
          }),
        ]}
      >
        <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
