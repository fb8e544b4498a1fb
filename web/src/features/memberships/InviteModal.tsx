import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { inviteMember } from './api.ts';
import { memberMessages } from './members.messages.ts';

/** Invite a volunteer to the team by their public volunteer number. */
export function InviteModal({ orgId, open, onClose }: { orgId: string; open: boolean; onClose: () => void }) {
  const t = useMessages(memberMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ volunteerNo: string }>();
  const send = useMutation({
    mutationFn: (no: string) => inviteMember(orgId, no),
    onSuccess: () => {
      void message.success(t.invited);
      void qc.invalidateQueries({ queryKey: ['members', orgId] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t.inviteTitle}
      okText={t.send}
      cancelText={t.cancel}
      confirmLoading={send.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        form.resetFields();
        send.reset();
        onClose();
      }}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => send.mutate(v.volunteerNo.trim())}
      >
        <Form.Item
          name="volunteerNo"
          label={t.inviteLabel}
          extra={t.inviteHint}
          validateStatus={send.isError ? 'error' : undefined}
          help={send.isError ? send.error.message : undefined}
          rules={[{ required: true, whitespace: true, message: t.inviteRequired }, { max: 32 }]}
        >
          <Input inputMode="numeric" autoComplete="off" maxLength={32} onChange={() => send.reset()} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
