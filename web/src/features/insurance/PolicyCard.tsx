import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import type { Coverage } from './api.ts';
import { insuranceMessages } from './messages.ts';

type Covering = Coverage['policies'][number];

/** One covering policy: insurer, number, cover and sums, its period and why it covers the volunteer. */
export function PolicyCard({ p }: { p: Covering }) {
  const t = useMessages(insuranceMessages);
  return (
    <Card size="small" data-testid="covering-policy">
      <Flex vertical gap={6}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong>{p.insurer}</Typography.Text>
          <Tag color={p.basis === 'registration' ? 'red' : 'blue'}>
            {p.basis === 'registration' ? t.byRegistration : t.bySignup}
          </Tag>
        </Flex>
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'no', label: t.policyNo, children: p.policyNo },
            ...(p.activityTitle ? [{ key: 'a', label: t.activity, children: p.activityTitle }] : []),
            { key: 'cover', label: t.cover, children: p.cover },
            { key: 'limits', label: t.limits, children: p.limits },
            { key: 'period', label: t.period, children: `${p.validFrom} – ${p.validTo}` },
          ]}
        />
      </Flex>
    </Card>
  );
}
