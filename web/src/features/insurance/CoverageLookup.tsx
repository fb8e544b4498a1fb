import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, List, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { coverage, findVolunteerId, type Coverage } from './api.ts';
import { insuranceMessages } from './messages.ts';
import { PolicyCard } from './PolicyCard.tsx';
import type { Dayjs } from 'dayjs';
import { fromPicker } from '../../lib/china-time.ts';
import { formatTime } from '../../lib/format.ts';

/** "Was volunteer X covered at T": the covering policies and that day's records as a claim's evidence. */
export function CoverageLookup() {
  const t = useMessages(insuranceMessages);
  const { message } = App.useApp();
  const [result, setResult] = useState<Coverage | null>(null);
  const run = useMutation({
    mutationFn: async (v: { volunteerNo: string; at: Dayjs }) => {
      const id = await findVolunteerId(v.volunteerNo.trim());
      if (!id) throw new Error(t.noVolunteer);
      return coverage(id, new Date(fromPicker(v.at)).toISOString());
    },
    onSuccess: setResult,
    onError: (e: Error) => void message.error(e.message),
  });
  return (
    <Card title={t.lookupTitle} data-testid="coverage-lookup">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t.lookupIntro}</Typography.Text>
        <Form layout="inline" onFinish={(v) => run.mutate(v)}>
          <Form.Item name="volunteerNo" label={t.volunteerNo} rules={[{ required: true, max: 40 }]}>
            <Input style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="at" label={t.at} rules={[{ required: true }]}>
            <DatePicker showTime format="YYYY-MM-DD HH:mm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={run.isPending}>
            {t.lookup}
          </Button>
        </Form>
        {result && (
          <Flex vertical gap={8} data-testid="coverage-result">
            <Alert
              type={result.covered ? 'success' : 'warning'}
              showIcon
              message={`${result.volunteer.name ?? ''} ${result.volunteer.volunteerNo} · ${result.day} · ${
                result.covered ? t.covered : t.notCovered
              }`}
            />
            {result.policies.map((p) => (
              <PolicyCard key={`${p.id}-${p.signupId ?? ''}`} p={p} />
            ))}
            <Typography.Text strong>{t.records}</Typography.Text>
            <List
              size="small"
              bordered
              locale={{ emptyText: t.noRecords }}
              dataSource={result.records}
              renderItem={(r) => (
                <List.Item>
                  {r.serviceDate} · {r.activityTitle} · {fmt(t.minutes, { n: r.minutes })}{' '}
                  <Tag>{r.status}</Tag>
                </List.Item>
              )}
            />
            {result.signups.length > 0 && (
              <>
                <Typography.Text strong>{t.signups}</Typography.Text>
                <List
                  size="small"
                  bordered
                  dataSource={result.signups}
                  renderItem={(s) => (
                    <List.Item>
                      {s.activityTitle} · {formatTime(s.startsAt)} – {formatTime(s.endsAt)}
                    </List.Item>
                  )}
                />
              </>
            )}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
