import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { App, Button, Card, DatePicker, Form, Input, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useMessages } from '../../lib/i18n.tsx';
import { shrinkPhoto } from '../../lib/photo.ts';
import { claim, TRAINING_KEY } from './api.ts';
import { trainingMessages } from './messages.ts';
import { useQualificationTypes } from './useTypes.ts';

interface Values {
  code: string;
  issuer: string;
  certificateNo: string;
  issuedOn: Dayjs;
  expiresOn?: Dayjs | null;
}

/** Upload a certificate held before, for an admin's review (the evidence path for existing qualifications). */
export function ClaimForm() {
  const t = useMessages(trainingMessages);
  const { items, locale } = useQualificationTypes();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [photo, setPhoto] = useState<string | null>(null);
  // The profile's "add a qualification" links here (#claim): bring the form into view.
  const { hash } = useLocation();
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (hash === '#claim') card.current?.scrollIntoView({ block: 'start' });
  }, [hash]);
  const send = useMutation({
    mutationFn: (v: Values) =>
      claim({
        code: v.code,
        issuer: v.issuer,
        certificateNo: v.certificateNo,
        issuedOn: v.issuedOn.format('YYYY-MM-DD'),
        expiresOn: v.expiresOn ? v.expiresOn.format('YYYY-MM-DD') : null,
        photo: { data: photo! },
      }),
    onSuccess: () => {
      void message.success(t.claimSent);
      form.resetFields();
      setPhoto(null);
      void qc.invalidateQueries({ queryKey: TRAINING_KEY });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Card size="small" title={t.claimTitle} id="claim" ref={card}>
      <Typography.Paragraph type="secondary">{t.claimHint}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item name="code" label={t.type} rules={[{ required: true }]}>
          <Select options={items.map((x) => ({ value: x.code, label: x.names[locale] }))} />
        </Form.Item>
        <Form.Item name="issuer" label={t.issuer} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={80} />
        </Form.Item>
        <Form.Item name="certificateNo" label={t.certificateNo} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="issuedOn" label={t.issuedOn} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item name="expiresOn" label={t.expiresOn}>
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
        <Form.Item label={t.photo} required>
          <input
            type="file"
            accept="image/*"
            aria-label={t.photo}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void shrinkPhoto(f).then(setPhoto, () => setPhoto(null));
            }}
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          disabled={!photo}
          loading={send.isPending}
          block
          size="large"
        >
          {t.claimSubmit}
        </Button>
      </Form>
    </Card>
  );
}
