import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  Radio,
  Select,
  Skeleton,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { CERTIFICATE_SCOPES, CERTIFICATE_SCOPE_NAMES } from '@yiqi/shared/contracts/certificates';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { keys, listMySources, requestCertificate, type CertificateScope, type RequestBody } from './api.ts';
import { myCertificateMessages } from './my.messages.ts';
import { formatHours } from '../../lib/format.ts';

interface Values {
  orgId?: string;
  scope: CertificateScope;
  period?: [Dayjs, Dayjs];
  activityIds?: string[];
  purpose?: string;
}

/** Ask one recording organization for a certificate of all, a period or chosen activities of its records. */
export function RequestCard() {
  const t = useMessages(myCertificateMessages);
  const text = useText();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const orgId = Form.useWatch('orgId', form);
  const scope = Form.useWatch('scope', form) ?? 'all';
  const sources = useQuery({ queryKey: keys.sources, queryFn: ({ signal }) => listMySources(signal) });
  const source = sources.data?.items.find((s) => s.orgId === orgId);
  const send = useMutation({
    mutationFn: (body: RequestBody) => requestCertificate(body),
    onSuccess: () => {
      void message.success(t.submitted);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: keys.mine });
    },
  });
  const submit = (v: Values) => {
    const body: RequestBody = { orgId: v.orgId!, scope: v.scope };
    if (v.scope === 'period' && v.period) {
      body.from = v.period[0].format('YYYY-MM-DD');
      body.to = v.period[1].format('YYYY-MM-DD');
    }
    if (v.scope === 'activities') body.activityIds = v.activityIds ?? [];
    if (v.purpose?.trim()) body.purpose = v.purpose.trim();
    send.mutate(body);
  };

  return (
    <Card title={t.requestTitle}>
      {sources.isError ? (
        <ErrorResult error={sources.error} onRetry={() => void sources.refetch()} />
      ) : sources.isPending ? (
        <Skeleton active />
      ) : sources.data.items.length === 0 ? (
        <Empty description={t.noRecords}>{t.noRecordsHint}</Empty>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ scope: 'all' }}
          onFinish={submit}
          onValuesChange={(changed) => {
            if ('orgId' in changed) form.setFieldValue('activityIds', []);
          }}
          data-testid="certificate-request"
        >
          <Form.Item
            name="orgId"
            label={t.org}
            extra={t.orgHint}
            rules={[{ required: true, message: t.chooseOrg }]}
          >
            <Select
              placeholder={t.chooseOrg}
              options={sources.data.items.map((s) => ({
                value: s.orgId,
                label: fmt(s.dissolved ? t.dissolvedOption : t.orgOption, {
                  name: s.orgName,
                  n: s.records,
                  h: formatHours(s.hours),
                }),
              }))}
            />
          </Form.Item>
          {source?.dissolved && (
            <Alert
              type="info"
              showIcon
              title={source.issuedBy ? fmt(t.issuedBy, { issuer: source.issuedBy }) : t.issuedByRegion}
              style={{ marginBottom: 16 }}
              data-testid="issued-by"
            />
          )}
          <Form.Item name="scope" label={t.scope}>
            <Radio.Group
              optionType="button"
              options={CERTIFICATE_SCOPES.map((s) => ({ value: s, label: text(CERTIFICATE_SCOPE_NAMES[s]) }))}
            />
          </Form.Item>
          {scope === 'period' && (
            <Form.Item name="period" label={t.period} rules={[{ required: true, message: t.periodRequired }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          )}
          {scope === 'activities' &&
            (source && source.activities.length === 0 ? (
              <Alert type="info" showIcon title={t.noActivities} style={{ marginBottom: 16 }} />
            ) : (
              <Form.Item
                name="activityIds"
                label={t.activities}
                rules={[{ required: true, type: 'array', min: 1, message: t.activitiesRequired }]}
              >
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
                  {(source?.activities ?? []).map((a) => (
                    <Checkbox key={a.activityId} value={a.activityId}>
                      {fmt(t.activityOption, { title: a.title, n: a.records, h: formatHours(a.hours) })}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
              </Form.Item>
            ))}
          <Form.Item name="purpose" label={t.purpose}>
            <Input maxLength={200} placeholder={t.purposePlaceholder} />
          </Form.Item>
          {send.isError && (
            <Alert
              type="error"
              showIcon
              title={send.error.message}
              role="alert"
              style={{ marginBottom: 16 }}
            />
          )}
          <Flex justify="flex-end">
            <Button
              type="primary"
              htmlType="submit"
              loading={send.isPending}
              disabled={scope === 'activities' && source?.activities.length === 0}
              data-testid="certificate-submit"
            >
              {t.submit}
            </Button>
          </Flex>
        </Form>
      )}
    </Card>
  );
}
