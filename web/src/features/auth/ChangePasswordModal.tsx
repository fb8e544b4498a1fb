import { useId } from 'react';
import { App, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { changePassword } from './api.ts';
import { authMessages } from './messages.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Own password change; the server ends the user's other sessions. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useMessages(authMessages);
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordForm>();
  // The header and the account page each have one: distinct form names keep the field ids unique.
  const formName = `password${useId().replace(/\W/g, '')}`;
  const mutation = useMutation({
    mutationFn: (v: PasswordForm) => changePassword(v.currentPassword, v.newPassword),
    onSuccess: () => {
      void message.success(t.passwordChanged);
      form.resetFields();
      onClose();
    },
    onError: (e) => void message.error(e.message),
  });

  return (
    <Modal
      open={open}
      title={t.changePassword}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      confirmLoading={mutation.isPending}
      forceRender
    >
      <Form<PasswordForm>
        form={form}
        name={formName}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="currentPassword"
          label={t.currentPassword}
          rules={[{ required: true, message: t.passwordRequired }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t.newPassword}
          extra={t.passwordRule}
          rules={[
            { required: true, message: t.passwordRequired },
            { min: 10, message: t.passwordRule },
            { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t.passwordRule },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t.confirmPassword}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t.passwordRequired },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t.passwordMismatch)),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
