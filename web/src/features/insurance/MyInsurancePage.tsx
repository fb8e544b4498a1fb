import { Alert, Flex, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { keys, myCoverage } from './api.ts';
import { insuranceMessages } from './messages.ts';
import { PolicyCard } from './PolicyCard.tsx';

/** /m/insurance — the policies covering me now: my region's group policy and my accepted activities'. */
export default function MyInsurancePage() {
  const t = useMessages(insuranceMessages);
  const q = useQuery({ queryKey: keys.mine, queryFn: ({ signal }) => myCoverage(signal) });
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={3} style={{ margin: '4px 0' }}>
        {t.myTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.myIntro}</Typography.Text>
      {q.data.covered ? (
        q.data.policies.map((p) => <PolicyCard key={`${p.id}-${p.signupId ?? ''}`} p={p} />)
      ) : (
        <Alert type="warning" showIcon message={t.myNone} />
      )}
    </Flex>
  );
}
