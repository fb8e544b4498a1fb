import { useState } from 'react';
import { Alert, App, Button, Col, Empty, Form, Input, Row, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrgChangeStatus } from '@yiqi/shared/contracts/organizations';
import { formatTime } from '../../lib/format.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { listChanges, requestChange, type OrganizationView, type OrgChangeBody } from './api.ts';
import { ChangeDiff } from './ChangeDiff.tsx';
import { changeMessages } from './change.messages.ts';

const COLORS: Record<OrgChangeStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

/**
 * 变更登记 on the organization page: the registered facts, prefilled, sent for review (only the ones
 * changed), and the unit's changes with their status, what they replaced and why one was rejected.
 */
export function ChangeRegistration({ org }: { org: OrganizationView }) {
  const t = useMessages(changeMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<OrgChangeBody>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const history = useQuery({
    queryKey: ['organization', org.id, 'changes'],
    queryFn: ({ signal }) => listChanges(org.id, signal),
  });
  const team = org.orgType === 'unregistered_team';
  const current: OrgChangeBody = {
    name: org.name,
    personInCharge: org.personInCharge ?? '',
    address: org.address ?? '',
    ...(team
      ? { hostUnit: org.hostUnit ?? '', hostUnitUscc: org.hostUnitUscc ?? '' }
      : { uscc: org.uscc ?? '' }),
  };
  const pending = history.data?.items.some((c) => c.status === 'pending') ?? false;
  const submit = async (v: OrgChangeBody) => {
    setBusy(true);
    setError(null);
    try {
      const body: OrgChangeBody = {};
      for (const [k, value] of Object.entries(v) as [keyof OrgChangeBody, string | undefined][]) {
        const s = value?.trim() ?? '';
        if (k === 'note') {
          if (s) body.note = s;
        } else if (s !== (current[k] ?? '')) body[k] = s;
      }
      await requestChange(org.id, body);
      form.setFieldValue('note', '');
      void message.success(t.submitted);
      await qc.invalidateQueries({ queryKey: ['organization', org.id, 'changes'] });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const field = (name: keyof OrgChangeBody, max: number) => (
    <Col xs={24} md={12} key={name}>
      <Form.Item name={name} label={t[name as 'name']}>
        <Input maxLength={max} disabled={pending} />
      </Form.Item>
    </Col>
  );

  return (
    <section aria-labelledby="org-change-title" style={{ marginTop: 24 }} data-testid="org-change">
      <Typography.Title level={5} id="org-change-title">
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      {pending && <Alert type="info" showIcon title={t.pendingNote} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        name="org-change"
        layout="vertical"
        initialValues={current}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={16}>
          {field('name', 100)}
          {field('personInCharge', 50)}
          {field('address', 200)}
          {team ? [field('hostUnit', 100), field('hostUnitUscc', 18)] : field('uscc', 18)}
          <Col xs={24}>
            <Form.Item name="note" label={t.note}>
              <Input.TextArea maxLength={500} rows={2} placeholder={t.notePlaceholder} disabled={pending} />
            </Form.Item>
          </Col>
        </Row>
        {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
        <Button
          type="primary"
          htmlType="submit"
          loading={busy}
          disabled={pending}
          data-testid="submit-change"
        >
          {t.submit}
        </Button>
      </Form>
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t.history}
      </Typography.Title>
      <Table
        rowKey="id"
        size="small"
        loading={history.isFetching}
        dataSource={history.data?.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="change-history"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noHistory} /> }}
        columns={[
          {
            title: t.status,
            key: 'status',
            render: (_, c) => (
              <Tag color={COLORS[c.status]} data-testid="change-status">
                {t[c.status]}
              </Tag>
            ),
          },
          { title: `${t.before} → ${t.after}`, key: 'diff', render: (_, c) => <ChangeDiff change={c} /> },
          { title: t.requestedAt, dataIndex: 'requestedAt', render: (at: string) => formatTime(at) },
          { title: t.reviewReason, dataIndex: 'reviewReason', render: (r: string | null) => r ?? '' },
        ]}
      />
    </section>
  );
}
