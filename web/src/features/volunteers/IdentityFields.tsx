import { DatePicker, Form, Input, Radio, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CheckCircleFilled } from '@ant-design/icons';
import { DOCUMENT_NAMES, DOCUMENT_TYPES, type DocumentType } from '@yiqi/shared/identity/documents';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { RegionPicker } from '../regions/RegionPicker.tsx';
import { deriveIdentity } from './identity.ts';
import { volunteerMessages } from './messages.ts';
import { registerMessages } from './register.messages.ts';
import { chinaNow } from '../../lib/china-time.ts';

export interface IdentityValues {
  name: string;
  docType: DocumentType;
  docNumber: string;
  birthDate?: Dayjs;
  gender?: 'male' | 'female';
  regionCode: string;
}

/** Watches the document fields and derives the check, birth date and age from them. */
export function useIdentity(form: FormInstance) {
  const docType = Form.useWatch('docType', { form, preserve: true }) as DocumentType | undefined;
  const docNumber = Form.useWatch('docNumber', { form, preserve: true }) as string | undefined;
  const birth = Form.useWatch('birthDate', { form, preserve: true }) as Dayjs | undefined;
  return deriveIdentity(docType, docNumber, birth ? birth.format('YYYY-MM-DD') : undefined);
}

/**
 * Real-name fields: name, document type and number (checked as it is typed), birth date and gender when
 * the number does not carry them, and the place of residence.
 */
export function IdentityFields({ form }: { form: FormInstance }) {
  const t = useMessages(registerMessages);
  const v = useMessages(volunteerMessages);
  const text = useText();
  const id = useIdentity(form);
  const check = id.check;
  const ok = check?.ok;

  return (
    <>
      <Form.Item
        name="name"
        label={t.nameLabel}
        rules={[{ required: true, whitespace: true, message: t.nameRequired }, { max: 50 }]}
      >
        <Input autoComplete="name" maxLength={50} />
      </Form.Item>
      <Form.Item name="docType" label={t.docType} rules={[{ required: true }]}>
        <Select
          options={DOCUMENT_TYPES.map((d) => ({ value: d, label: text(DOCUMENT_NAMES[d]) }))}
          onChange={() => void (form.getFieldValue('docNumber') && form.validateFields(['docNumber']))}
        />
      </Form.Item>
      <Form.Item
        name="docNumber"
        label={t.docNumber}
        dependencies={['docType']}
        validateTrigger={['onChange', 'onBlur']}
        extra={
          ok ? (
            <Typography.Text type="success" data-testid="doc-check-ok">
              <CheckCircleFilled aria-hidden />{' '}
              {check.birthDate && check.gender
                ? fmt(t.docOk, { birth: check.birthDate, gender: v[check.gender] })
                : t.docOkPlain}
            </Typography.Text>
          ) : null
        }
        rules={[
          { required: true, whitespace: true, message: t.docNumberRequired },
          ({ getFieldValue }) => ({
            validator: (_, value?: string) => {
              if (!value?.trim()) return Promise.resolve();
              const d = deriveIdentity(getFieldValue('docType') as DocumentType, value, undefined);
              if (!d.check || d.check.ok) return Promise.resolve();
              const raw = value.replace(/\s+/g, '');
              const msg = d.typing ? fmt(t.typing, { n: raw.length }) : t[d.check.problem ?? 'FORMAT'];
              return Promise.reject(new Error(msg));
            },
          }),
        ]}
      >
        <Input
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="characters"
          maxLength={32}
          style={{ fontVariantNumeric: 'tabular-nums', letterSpacing: 0.5 }}
        />
      </Form.Item>
      {id.needsBirth && (
        <>
          <Form.Item
            name="birthDate"
            label={t.birthDate}
            rules={[{ required: true, message: t.birthRequired }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(chinaNow(), 'day') || d.isBefore(dayjs('1900-01-01'))}
              inputReadOnly
            />
          </Form.Item>
          <Form.Item name="gender" label={v.gender} rules={[{ required: true, message: t.genderRequired }]}>
            <Radio.Group
              options={[
                { value: 'male', label: v.male },
                { value: 'female', label: v.female },
              ]}
            />
          </Form.Item>
        </>
      )}
      <Form.Item
        name="regionCode"
        label={v.residence}
        extra={t.regionHint}
        rules={[{ required: true, message: t.regionRequired }]}
      >
        <RegionPicker minLevel={3} />
      </Form.Item>
    </>
  );
}
