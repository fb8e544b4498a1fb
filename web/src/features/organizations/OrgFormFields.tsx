import { Col, Form, Input, Select, Switch, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { ORG_TYPES, REGISTERED_ORG_TYPES, type OrgType } from '@yiqi/shared/contracts/organizations';
import { isValidUscc } from '@yiqi/shared/identity/uscc';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { CategorySelect } from '../common/CategorySelect.tsx';
import { commonMessages } from '../common/messages.ts';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { orgMessages } from './messages.ts';
import { useOrgTypeName } from './tags.tsx';
import { normalizePhone } from '@yiqi/shared/identity/normalize';

const HALF = { xs: 24, md: 12 };
const THIRD = { xs: 24, md: 8 };

/**
 * Type-dependent identity of an organization: USCC (checked as typed) or, for teams, the host unit.
 * Columns of a form Row: two to a line on wide screens, one on phones.
 */
export function OrgIdentityFields({ form }: { form: FormInstance }) {
  const t = useMessages(orgMessages);
  const typeName = useOrgTypeName();
  const orgType = Form.useWatch('orgType', form) as OrgType | undefined;
  const uscc = (Form.useWatch('uscc', form) as string | undefined)?.trim().toUpperCase() ?? '';
  const team = orgType === 'unregistered_team';
  const usccRequired = orgType ? REGISTERED_ORG_TYPES.includes(orgType) : false;
  const req = { required: true, whitespace: true, message: t.required };
  return (
    <>
      <Col span={24}>
        <Form.Item name="name" label={t.name} rules={[req, { min: 2, max: 100, message: t.nameRange }]}>
          <Input maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="orgType" label={t.orgType} rules={[{ required: true, message: t.required }]}>
          <Select options={ORG_TYPES.map((o) => ({ value: o, label: typeName(o) }))} />
        </Form.Item>
      </Col>
      {orgType && !team && (
        <Col {...HALF}>
          <Form.Item
            name="uscc"
            label={t.uscc}
            validateTrigger={['onChange', 'onBlur']}
            extra={
              uscc && isValidUscc(uscc) ? (
                <Typography.Text type="success" data-testid="uscc-ok">
                  <CheckCircleFilled aria-hidden /> {t.usccOk}
                </Typography.Text>
              ) : (
                t.usccHint
              )
            }
            rules={[
              ...(usccRequired ? [req] : []),
              {
                validator: (_, v?: string) => {
                  const code = v?.trim().toUpperCase() ?? '';
                  if (!code || isValidUscc(code)) return Promise.resolve();
                  const typing = code.length < 18 && /^[0-9A-Z]*$/.test(code);
                  return Promise.reject(
                    new Error(typing ? fmt(t.usccTyping, { n: code.length }) : t.usccBad),
                  );
                },
              },
            ]}
          >
            <Input maxLength={18} autoCapitalize="characters" spellCheck={false} autoComplete="off" />
          </Form.Item>
        </Col>
      )}
      {team && (
        <Col {...HALF}>
          <Form.Item
            name="hostUnit"
            label={t.hostUnit}
            extra={t.hostUnitHint}
            rules={[req, { min: 2, max: 100 }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      )}
      {team && (
        <Col {...HALF}>
          <Form.Item
            name="hostUnitUscc"
            label={t.hostUnitUscc}
            extra={t.hostUnitUsccHint}
            rules={[
              {
                validator: (_, v?: string) =>
                  !v?.trim() || isValidUscc(v.trim().toUpperCase())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t.usccBad)),
              },
            ]}
          >
            <Input maxLength={18} autoCapitalize="characters" spellCheck={false} autoComplete="off" />
          </Form.Item>
        </Col>
      )}
    </>
  );
}

/** Where the organization is, who answers for it, what it does (columns of the same Row). */
export function OrgContactFields() {
  const t = useMessages(orgMessages);
  const c = useMessages(commonMessages);
  const req = { required: true, whitespace: true, message: t.required };
  return (
    <>
      <Col {...HALF}>
        <Form.Item name="regionCode" label={t.region} rules={[{ required: true, message: t.regionRequired }]}>
          <RegionPicker minLevel={3} />
        </Form.Item>
      </Col>
      <Col {...HALF}>
        <Form.Item name="address" label={t.address} rules={[req, { min: 2, max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
      <Col {...THIRD}>
        <Form.Item name="personInCharge" label={t.personInCharge} rules={[req, { max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col {...THIRD}>
        <Form.Item name="contactName" label={t.contactName} rules={[req, { max: 50 }]}>
          <Input maxLength={50} />
        </Form.Item>
      </Col>
      <Col {...THIRD}>
        <Form.Item
          name="contactPhone"
          label={t.contactPhone}
          rules={[
            req,
            { pattern: /^\+?[0-9][0-9 -]{6,19}$/, message: t.phoneInvalid, transform: normalizePhone },
          ]}
        >
          <Input inputMode="tel" maxLength={20} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item
          name="categories"
          label={c.categories}
          rules={[{ required: true, type: 'array', min: 1, max: 10, message: t.categoriesRequired }]}
        >
          <CategorySelect max={10} />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="levelBody" label={t.levelBody} extra={t.levelBodyHint} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
    </>
  );
}
