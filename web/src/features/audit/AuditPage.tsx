import { Card, Collapse, Flex, Grid, Space, Typography } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { useListAddress } from '../common/useListAddress.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { AuditFilters } from './AuditFilters.tsx';
import { AuditTable } from './AuditTable.tsx';
import { listAudit, type AuditFilter, type AuditResult } from './api.ts';
import { auditMessages } from './messages.ts';
import { useVerifyChain, VerifyChainButton, VerifyChainResult } from './VerifyChain.tsx';

const RESULTS: readonly string[] = ['ok', 'denied', 'failed'];
const FILTER_KEYS = ['action', 'actor', 'result', 'from', 'to'] as const;

/** 审计日志: filter, page through and verify the tamper-evident audit log (audit administrators). */
export default function AuditPage() {
  const t = useMessages(auditMessages);
  const qc = useQueryClient();
  const { params, page, pageSize, go: show } = useListAddress(FILTER_KEYS, 50);
  const result = params.get('result');
  const filter: AuditFilter = {
    action: params.get('action') ?? undefined,
    actor: params.get('actor') ?? undefined,
    result: result && RESULTS.includes(result) ? (result as AuditResult) : undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const verify = useVerifyChain();
  const narrow = Grid.useBreakpoint().md === false;
  const active = FILTER_KEYS.filter((k) => filter[k]).length;

  const rows = useQuery({
    queryKey: ['audit', filter, page, pageSize],
    queryFn: ({ signal }) => listAudit(filter, page, pageSize, signal),
    placeholderData: keepPreviousData,
  });

  const go = (f: AuditFilter, p = 1, s = pageSize) => {
    show(f, p, s);
    // Searching again with the same filter still fetches: new rows arrive all the time.
    void qc.invalidateQueries({ queryKey: ['audit'] });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        <VerifyChainButton verify={verify} />
      </Flex>
      <VerifyChainResult verify={verify} />
      {narrow ? (
        // On phones the filter bar folds away so the rows come first.
        <Collapse
          items={[
            {
              key: 'filters',
              label: (
                <span>
                  <FilterOutlined aria-hidden /> {t.filters}
                  {active ? ` (${active})` : ''}
                </span>
              ),
              children: <AuditFilters value={filter} onChange={(f) => go(f)} />,
            },
          ]}
          style={{ background: '#fff' }}
        />
      ) : (
        <Card>
          <AuditFilters value={filter} onChange={(f) => go(f)} />
        </Card>
      )}
      <Card>
        {rows.isError ? (
          <ErrorResult error={rows.error} onRetry={() => void rows.refetch()} />
        ) : (
          <AuditTable data={rows.data} loading={rows.isFetching} onPage={(p, s) => go(filter, p, s)} />
        )}
      </Card>
    </Space>
  );
}
