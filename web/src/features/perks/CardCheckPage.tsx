import { Flex, Rate, Result, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { checkCard, keys } from './api.ts';
import { perkMessages } from './messages.ts';

/** /card-check?code=… — what a partner sees when scanning a volunteer card: valid, masked name, stars. */
export default function CardCheckPage() {
  const t = useMessages(perkMessages);
  const [params] = useSearchParams();
  const code = params.get('code') ?? '';
  const q = useQuery({
    queryKey: keys.cardCheck(code),
    queryFn: ({ signal }) => checkCard(code, signal),
    enabled: !!code,
  });
  return (
    <Flex vertical align="center" style={{ padding: 24 }}>
      <Typography.Title level={3}>{t.checkTitle}</Typography.Title>
      {!code ? (
        <Result status="warning" title={t.invalid} />
      ) : q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.valid ? (
        <Result
          status="success"
          title={t.valid}
          subTitle={
            <Flex vertical align="center" gap={8}>
              <Typography.Title level={2} style={{ margin: 0 }}>
                {q.data.maskedName}
              </Typography.Title>
              <Rate disabled count={5} value={q.data.starLevel ?? 0} />
            </Flex>
          }
        />
      ) : (
        <Result status="error" title={t.invalid} />
      )}
    </Flex>
  );
}
