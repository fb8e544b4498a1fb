import { Alert, App, Button, Card, Col, Flex, Form, Row, Select, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { OrgType } from '@yiqi/shared/contracts/organizations';
import { useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { registerOrganization, type RegisterOrganizationBody } from './api.ts';
import { orgMessages } from './messages.ts';
import { OrgContactFields, OrgIdentityFields } from './OrgFormFields.tsx';

interface Values {
  name: string;
  orgType: OrgType;
  uscc?: string;
  hostUnit?: string;
  hostUnitUscc?: string;
  regionCode: string;
  address: string;
  contactName: string;
  contactPhone: string;
  personInCharge: string;
  categories: RegisterOrganizationBody['categories'];
  levelBody?: boolean;
  parentId?: string;
}

/** /my-organizations/new — any signed-in user registers an organization or team for review. */
export default function OrgRegisterPage() {
  const t = useMessages(orgMessages);
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // Sub-teams hang under an organization the user administers.
  const parents = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const save = useMutation({
    mutationFn: registerOrganization,
    onSuccess: () => {
      void message.success(t.submitted);
      void qc.invalidateQueries({ queryKey: ['my-organizations'] });
      navigate('/my-organizations');
    },
  });
  const submit = (v: Values) => {
    const team = v.orgType === 'unregistered_team';
    save.mutate({
      name: v.name.trim(),
      orgType: v.orgType,
      ...(!team && v.uscc?.trim() ? { uscc: v.uscc.trim().toUpperCase() } : {}),
      ...(team && v.hostUnit ? { hostUnit: v.hostUnit.trim() } : {}),
      ...(team && v.hostUnitUscc?.trim() ? { hostUnitUscc: v.hostUnitUscc.trim().toUpperCase() } : {}),
      regionCode: v.regionCode,
      address: v.address.trim(),
      contactName: v.contactName.trim(),
      contactPhone: v.contactPhone.trim(),
      personInCharge: v.personInCharge.trim(),
      categories: v.categories,
      levelBody: Boolean(v.levelBody),
      ...(v.parentId ? { parentId: v.parentId } : {}),
    });
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Flex align="center" gap={4}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined aria-hidden />}
          aria-label={t.back}
          onClick={() => navigate('/my-organizations')}
        />
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.registerTitle}
        </Typography.Title>
      </Flex>
      <Alert type="info" showIcon title={t.registerIntro} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          disabled={save.isPending}
          scrollToFirstError
          onFinish={submit}
          initialValues={{ orgType: 'unregistered_team', levelBody: false, categories: [] }}
        >
          <Row gutter={16}>
            <OrgIdentityFields form={form} />
            {parents.length > 0 && (
              <Col span={24}>
                <Form.Item name="parentId" label={t.parent} extra={t.parentHint}>
                  <Select
                    allowClear
                    placeholder={t.noParent}
                    options={parents.map((p) => ({ value: p.scopeId, label: p.scopeName }))}
                  />
                </Form.Item>
              </Col>
            )}
            <OrgContactFields />
          </Row>
          {save.isError && (
            <Alert
              type="error"
              showIcon
              title={save.error.message}
              role="alert"
              style={{ marginBottom: 16 }}
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            loading={save.isPending}
            data-testid="org-submit"
          >
            {t.submit}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
