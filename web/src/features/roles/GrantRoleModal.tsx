import { useEffect } from 'react';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_NAMES, ROLE_SCOPE, type Role } from '@yiqi/shared/roles';
import { useMessages, useText } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import { getOrganization, grantRole } from './api.ts';
import { grantableRoles } from './grantable.ts';
import { roleMessages } from './messages.ts';

interface GrantForm {
  username: string;
  role: Role;
  region?: string;
  orgId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names the organization behind an id as it is typed (when the caller may read it). */
function OrgName({ id }: { id: string | undefined }) {
  const valid = Boolean(id && UUID.test(id.trim()));
  const org = useQuery({
    queryKey: ['organization', id?.trim()],
    queryFn: ({ signal }) => getOrganization(id!.trim(), signal),
    enabled: valid,
    retry: false,
  });
  if (!valid || !org.data) return null;
  return (
    <Typography.Text type="success">
      {org.data.name} · {org.data.regionName}
    </Typography.Text>
  );
}

/** Grant a role: user name, a role the caller may grant, and a scope of the type that role is bound to. */
export function GrantRoleModal({
  open,
  region,
  onClose,
}: {
  open: boolean;
  region: string;
  onClose: () => void;
}) {
  const t = useMessages(roleMessages);
  const text = useText();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantForm>();
  const role = Form.useWatch('role', form);
  const orgId = Form.useWatch('orgId', form);
  const roles = grantableRoles(me);
  const scopeType = role ? ROLE_SCOPE[role] : 'region';

  useEffect(() => {
    if (open) form.setFieldsValue({ region, role: roles[0] });
    // Only on opening: the user's later choices stay.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, region]);

  const mutation = useMutation({
    mutationFn: (v: GrantForm) =>
      grantRole({
        username: v.username.trim(),
        role: v.role,
        scopeType: ROLE_SCOPE[v.role],
        scopeId: ROLE_SCOPE[v.role] === 'region' ? v.region! : v.orgId!.trim(),
      }),
    onSuccess: () => {
      void message.success(t.granted);
      void qc.invalidateQueries({ queryKey: ['grants'] });
      form.resetFields();
      onClose();
    },
    onError: (e) => void message.error(e.message),
  });

  return (
    <Modal
      open={open}
      title={t.grantTitle}
      okText={t.submit}
      cancelText={t.cancel}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      forceRender
    >
      <Form<GrantForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => mutation.mutate(v)}
      >
        <Form.Item
          name="username"
          label={t.username}
          rules={[{ required: true, whitespace: true, message: t.usernameRequired }]}
        >
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t.role}
          extra={`${t.scopeType}: ${scopeType === 'region' ? t.scopeRegion : t.scopeOrganization}`}
          rules={[{ required: true, message: t.roleRequired }]}
        >
          <Select options={roles.map((r) => ({ value: r, label: text(ROLE_NAMES[r]) }))} />
        </Form.Item>
        {scopeType === 'region' ? (
          <Form.Item name="region" label={t.scope} rules={[{ required: true, message: t.regionRequired }]}>
            <RegionSelect />
          </Form.Item>
        ) : (
          <Form.Item
            name="orgId"
            label={t.orgId}
            extra={
              <>
                <div>{t.orgIdHint}</div>
                <OrgName id={orgId} />
              </>
            }
            rules={[
              { required: true, whitespace: true, message: t.orgIdRequired },
              { pattern: UUID, message: t.orgIdInvalid, transform: (v: string) => v.trim() },
            ]}
          >
            <Input placeholder="xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" autoComplete="off" spellCheck={false} />
          </Form.Item>
        )}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
