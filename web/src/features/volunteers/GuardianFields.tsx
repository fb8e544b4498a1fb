import { Alert, AutoComplete, Checkbox, Form, Input, Typography } from 'antd';
import { normalizePhone } from '@yiqi/shared/identity/normalize';
import { useMessages } from '../../lib/i18n.tsx';
import { registerMessages } from './register.messages.ts';

export const PHONE = /^1[3-9]\d{9}$/;
/** A phone rule that checks the number as the server will store it ("+86 138-…" is fine). */
export const phoneRule = (message: string) => ({ pattern: PHONE, message, transform: normalizePhone });

export interface GuardianValues {
  name: string;
  relation: string;
  phone: string;
  consent: boolean;
  registeredByGuardian?: boolean;
}

/**
 * The guardian of a minor and their consent. Under 14 the guardian must be the one filling in the form
 * (the law lets only a guardian register a child that young online).
 */
export function GuardianFields({ age, prefix = 'guardian' }: { age: number; prefix?: string }) {
  const t = useMessages(registerMessages);
  const under14 = age < 14;
  const req = [{ required: true, whitespace: true, message: t.required }];
  const ticked = (msg: string) => ({
    validator: (_: unknown, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(msg))),
  });
  return (
    <fieldset
      style={{ border: '1px solid #ffd591', borderRadius: 8, padding: '4px 12px 0', margin: '0 0 16px' }}
    >
      <legend style={{ width: 'auto', padding: '0 6px', marginBottom: 0, fontSize: 14, border: 0 }}>
        <Typography.Text strong>{t.guardianTitle}</Typography.Text>
      </legend>
      <Alert
        type={under14 ? 'warning' : 'info'}
        showIcon
        title={under14 ? t.under14 : t.minorNote}
        style={{ margin: '8px 0 16px' }}
        data-testid="minor-alert"
      />
      <Form.Item name={[prefix, 'name']} label={t.guardianName} rules={req}>
        <Input maxLength={50} autoComplete="off" />
      </Form.Item>
      <Form.Item name={[prefix, 'relation']} label={t.guardianRelation} rules={req}>
        <AutoComplete options={t.relations.split(',').map((r) => ({ value: r }))} maxLength={20} />
      </Form.Item>
      <Form.Item name={[prefix, 'phone']} label={t.guardianPhone} rules={[...req, phoneRule(t.phoneInvalid)]}>
        <Input inputMode="tel" maxLength={11} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name={[prefix, 'consent']}
        valuePropName="checked"
        rules={[ticked(t.mustConfirm)]}
        style={{ marginBottom: 12 }}
      >
        <Checkbox>{t.guardianConsent}</Checkbox>
      </Form.Item>
      {under14 && (
        <Form.Item
          name={[prefix, 'registeredByGuardian']}
          valuePropName="checked"
          rules={[ticked(t.under14)]}
          style={{ marginBottom: 12 }}
        >
          <Checkbox>{t.registeredByGuardian}</Checkbox>
        </Form.Item>
      )}
    </fieldset>
  );
}

/** The API's guardian block from the form's values: consent recorded now, on this form. */
export function toGuardianInput(g: GuardianValues, under14: boolean) {
  return {
    name: g.name.trim(),
    relation: g.relation.trim(),
    phone: g.phone.trim(),
    consentAt: new Date().toISOString(),
    evidence: 'online form: guardian consent box ticked',
    registeredByGuardian: under14 ? true : Boolean(g.registeredByGuardian),
  };
}
