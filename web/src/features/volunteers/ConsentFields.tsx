import { Checkbox, Descriptions, Form, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DOCUMENT_NAMES, type DocumentType } from '@yiqi/shared/identity/documents';
import { fmt, useLocale, useMessages, useText } from '../../lib/i18n.tsx';
import { RegionName } from '../regions/useRegionPath.tsx';
import { volunteerMessages } from './messages.ts';
import { PRIVACY_NOTICE, PRIVACY_NOTICE_VERSION } from './privacy.ts';
import { registerMessages } from './register.messages.ts';

/** Last step: what will be submitted, the privacy notice, and the two separate consents. */
export function ConsentFields({ form }: { form: FormInstance }) {
  const t = useMessages(registerMessages);
  const v = useMessages(volunteerMessages);
  const text = useText();
  const { locale } = useLocale();
  const all = form.getFieldsValue(true) as {
    phone?: string;
    name?: string;
    docType?: DocumentType;
    docNumber?: string;
    regionCode?: string;
  };
  const ticked = {
    validator: (_: unknown, ok: boolean) => (ok ? Promise.resolve() : Promise.reject(new Error(t.mustAgree))),
  };
  return (
    <>
      <Typography.Text strong>{t.summary}</Typography.Text>
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}
        style={{ margin: '8px 0 16px' }}
        items={[
          { key: 'phone', label: v.phone, children: all.phone },
          { key: 'name', label: v.name, children: all.name },
          {
            key: 'doc',
            label: v.document,
            children: all.docType ? (
              <span style={{ wordBreak: 'break-all' }}>
                {text(DOCUMENT_NAMES[all.docType])}
                <br />
                {all.docNumber?.replace(/\s+/g, '').toUpperCase()}
              </span>
            ) : null,
          },
          {
            key: 'region',
            label: v.residence,
            children: all.regionCode ? <RegionName code={all.regionCode} /> : null,
          },
        ]}
      />
      <Typography.Text strong id="privacy-title">
        {t.privacyTitle}
      </Typography.Text>
      <Typography.Text type="secondary"> · {fmt(t.version, { v: PRIVACY_NOTICE_VERSION })}</Typography.Text>
      <div
        role="document"
        aria-labelledby="privacy-title"
        tabIndex={0}
        style={{
          maxHeight: 180,
          overflowY: 'auto',
          border: '1px solid #f0f0f0',
          borderRadius: 8,
          padding: '8px 12px',
          margin: '8px 0 16px',
          background: '#fafafa',
          fontSize: 13,
        }}
      >
        {PRIVACY_NOTICE[locale].map((p, i) => (
          <p key={i} style={{ margin: '4px 0' }}>
            {p}
          </p>
        ))}
      </div>
      <Form.Item name="agreePrivacy" valuePropName="checked" rules={[ticked]} style={{ marginBottom: 8 }}>
        <Checkbox data-testid="agree-privacy">{t.agreePrivacy}</Checkbox>
      </Form.Item>
      <Form.Item name="sensitiveConsent" valuePropName="checked" rules={[ticked]} extra={t.sensitiveHint}>
        <Checkbox data-testid="agree-sensitive">{t.agreeSensitive}</Checkbox>
      </Form.Item>
    </>
  );
}
