import { useState } from 'react';
import { Alert, App, Button, Col, Form, Input, Row, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { updateContacts, type OrganizationView, type UnitContactsBody } from './api.ts';
import { contactsMessages } from './contacts.messages.ts';

const PHONE = /^\+?[0-9][0-9 -]{6,19}$/;

/**
 * 负责人 / 经办人 / 联系人 / 联系电话 of the unit, for its admins and the region admins above it (the server
 * checks the scope). The phone is only ever shown masked: left empty, the number on record stays.
 */
export function UnitContactsForm({ org }: { org: OrganizationView }) {
  const t = useMessages(contactsMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<UnitContactsBody>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const text = [
    { required: true, whitespace: true, message: t.required },
    { max: 50, message: t.tooLong },
  ];
  const submit = async (v: UnitContactsBody) => {
    setBusy(true);
    setError(null);
    try {
      const phone = v.contactPhone?.trim();
      const saved = await updateContacts(org.id, {
        // A person in charge on record is a registered fact: changed by a change registration, not here.
        ...(org.personInCharge ? {} : { personInCharge: v.personInCharge?.trim() ?? '' }),
        handlerName: v.handlerName.trim(),
        contactName: v.contactName.trim(),
        ...(phone ? { contactPhone: phone } : {}),
      });
      qc.setQueryData(['organization', org.id], saved);
      form.setFieldValue('contactPhone', '');
      void message.success(t.saved);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="unit-contacts-title" style={{ marginTop: 24 }}>
      <Typography.Title level={5} id="unit-contacts-title">
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {!org.personInCharge && (
        <Alert type="warning" showIcon title={t.noPersonInCharge} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        name="unit-contacts"
        layout="vertical"
        requiredMark={false}
        initialValues={{
          personInCharge: org.personInCharge ?? '',
          handlerName: org.handlerName ?? '',
          contactName: org.contactName ?? '',
          contactPhone: '',
        }}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="personInCharge"
              label={t.personInCharge}
              extra={org.personInCharge ? t.personInChargeByChange : undefined}
              rules={org.personInCharge ? [] : text}
            >
              <Input maxLength={50} disabled={Boolean(org.personInCharge)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="handlerName" label={t.handlerName} extra={t.handlerHint} rules={text}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t.contactName} rules={text}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactPhone"
              label={t.contactPhone}
              extra={org.contactPhone ? fmt(t.phoneKeep, { phone: org.contactPhone }) : t.phoneHint}
              rules={[
                { required: !org.contactPhone, whitespace: true, message: t.required },
                { pattern: PHONE, message: t.phoneInvalid, transform: (s: string) => s.trim() },
              ]}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="save-contacts">
          {t.save}
        </Button>
      </Form>
    </section>
  );
}
