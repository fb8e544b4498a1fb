import { useState } from 'react';
import { Alert, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Space, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { fileToBase64 } from '../../lib/files.ts';
import { DAY_MINUTES } from '@yiqi/shared/records/hours';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { backfillRecord, type Evidence } from './api.ts';
import { useDuration } from './explain.tsx';
import { recordMessages } from './messages.ts';
import { chinaNow } from '../../lib/china-time.ts';

/** The API takes JSON bodies up to 1 MB; base64 grows files by a third, so about 700 KB of files in all. */
const MAX_TOTAL_KB = 700;
const TYPES: Record<string, Evidence['mimeType']> = {
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'application/pdf': 'application/pdf',
};

interface Values {
  volunteerNo: string;
  activityTitle: string;
  serviceDate: Dayjs;
  place: string;
  content: string;
  personInCharge: string;
  minutes: number;
  reason: string;
  files: UploadFile[];
}

const required = (message: string) => [{ required: true, whitespace: true, message }];

/** Back-fill (补录) of past service without check-ins, with evidence read in the browser as base64. */
export function BackfillDrawer({
  orgId,
  open,
  onClose,
  onDone,
}: {
  orgId: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useMessages(recordMessages);
  const d = useDuration();
  const [form] = Form.useForm<Values>();
  const minutes = Form.useWatch('minutes', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const checkFiles = (files: UploadFile[] | undefined) => {
    if (!files?.length) return Promise.reject(new Error(t.evidenceRequired));
    const wrong = files.find((f) => !TYPES[f.type ?? '']);
    if (wrong) return Promise.reject(new Error(fmt(t.evidenceType, { name: wrong.name })));
    const total = files.reduce((n, f) => n + (f.size ?? 0), 0);
    if (total > MAX_TOTAL_KB * 1024)
      return Promise.reject(new Error(fmt(t.evidenceTooBig, { kb: MAX_TOTAL_KB })));
    return Promise.resolve();
  };
  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const evidence = await Promise.all(
        v.files.map(async (f) => ({
          name: f.name.slice(0, 100),
          mimeType: TYPES[f.type ?? '']!,
          contentBase64: await fileToBase64(f.originFileObj as Blob),
        })),
      );
      await backfillRecord(orgId, {
        volunteerNo: v.volunteerNo.trim(),
        activityTitle: v.activityTitle.trim(),
        serviceDate: v.serviceDate.format('YYYY-MM-DD'),
        place: v.place.trim(),
        content: v.content.trim(),
        personInCharge: v.personInCharge.trim(),
        minutes: v.minutes,
        reason: v.reason.trim(),
        evidence,
      });
      form.resetFields();
      onClose();
      onDone();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Drawer
      open={open}
      title={t.backfillTitle}
      size={560}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t.cancel}</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="backfill-submit">
            {t.submit}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon title={t.backfillHint} style={{ marginBottom: 16 }} />
      <Form form={form} name="backfill" layout="vertical" onFinish={(v) => void submit(v)}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="volunteerNo" label={t.volunteerNo} rules={required(t.volunteerNoRequired)}>
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="serviceDate"
              label={t.serviceDate}
              rules={[{ required: true, message: t.serviceDateRequired }]}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(chinaNow(), 'day')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="activityTitle" label={t.activityTitle} rules={required(t.activityTitleRequired)}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="place" label={t.place} rules={required(t.placeRequired)}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="personInCharge"
              label={t.personInCharge}
              rules={required(t.personInChargeRequired)}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="content" label={t.content} rules={required(t.contentRequired)}>
          <Input.TextArea rows={2} maxLength={1000} showCount />
        </Form.Item>
        <Form.Item
          name="minutes"
          label={t.backfillMinutes}
          extra={typeof minutes === 'number' ? fmt(t.asDuration, { d: d(minutes) }) : undefined}
          rules={[
            {
              required: true,
              type: 'integer',
              min: 1,
              max: DAY_MINUTES,
              message: fmt(t.backfillMinutesRequired, { max: DAY_MINUTES }),
            },
          ]}
        >
          <InputNumber min={1} max={DAY_MINUTES} precision={0} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t.reason}
          rules={[
            ...required(t.reasonRequired),
            { min: 2, max: 500, message: t.reasonRequired, transform: (s: string) => s.trim() },
          ]}
        >
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
        <Form.Item
          name="files"
          label={t.evidence}
          required
          extra={fmt(t.evidenceHint, { kb: MAX_TOTAL_KB })}
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
          rules={[{ validator: (_, files: UploadFile[] | undefined) => checkFiles(files) }]}
        >
          <Upload accept=".png,.jpg,.jpeg,.pdf" multiple maxCount={5} beforeUpload={() => false}>
            <Button icon={<UploadOutlined aria-hidden />}>{t.upload}</Button>
          </Upload>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} role="alert" />}
    </Drawer>
  );
}
