import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Progress, Result, Skeleton, Statistic, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { downloadErrors, getImport, type ImportJob } from './api.ts';
import { HoursDecision } from './HoursDecision.tsx';
import { ImportErrors } from './ImportErrors.tsx';
import { ImportStatusTag, RUNNING } from './ImportStatusTag.tsx';
import { importMessages } from './messages.ts';

function percent(j: ImportJob): number {
  if (j.status === 'done') return 100;
  if (!j.totalRows) return 0;
  const n = j.status === 'committing' ? j.created + j.skipped : j.processed;
  return Math.min(100, Math.floor((n / j.totalRows) * 100));
}

function Counts({ j }: { j: ImportJob }) {
  const t = useMessages(importMessages);
  return (
    <Flex gap={32} wrap>
      <Statistic
        title={j.kind === 'volunteers' ? t.volunteersCreated : t.created}
        value={j.created}
        styles={{ content: { color: '#389e0d' } }}
      />
      <Statistic title={j.kind === 'volunteers' ? t.volunteersSkipped : t.skipped} value={j.skipped} />
      <Statistic
        title={t.errorsLabel}
        value={j.errorCount}
        styles={{ content: j.errorCount ? { color: '#cf1322' } : {} }}
      />
    </Flex>
  );
}

/** One import: progress polled every second while it runs, then the outcome and any row errors. */
export function ImportJobPanel({ id, onAnother }: { id: string; onAnother: () => void }) {
  const t = useMessages(importMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const q = useQuery({
    queryKey: ['import', id],
    queryFn: ({ signal }) => getImport(id, signal),
    refetchInterval: (query) =>
      query.state.data && !RUNNING.includes(query.state.data.status) ? false : 1000,
  });
  // A finished import changes the team's member list and the list of recent imports.
  const finished = q.data && !RUNNING.includes(q.data.status) ? q.data : undefined;
  useEffect(() => {
    if (!finished?.orgId) return;
    void qc.invalidateQueries({ queryKey: ['imports', finished.orgId] });
    if (finished.status === 'done') void qc.invalidateQueries({ queryKey: ['members', finished.orgId] });
  }, [qc, finished?.orgId, finished?.status]);
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const j = q.data;
  const report = async () => {
    setBusy(true);
    try {
      await downloadErrors(j.id);
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const reportButton = (
    <Button
      icon={<DownloadOutlined aria-hidden />}
      loading={busy}
      onClick={() => void report()}
      data-testid="error-report"
    >
      {t.errorReport}
    </Button>
  );

  return (
    <Card
      title={
        <Flex gap={8} align="center">
          {t.progress}
          <ImportStatusTag status={j.status} />
        </Flex>
      }
      data-testid="import-job"
    >
      {/* A title or date line above the header is common in offices' sheets: say which row was read. */}
      {j.headerRow !== null && j.headerRow > 1 && (
        <Typography.Paragraph type="secondary" data-testid="import-header-row">
          {fmt(t.headerRow, { n: j.headerRow })}
        </Typography.Paragraph>
      )}
      {RUNNING.includes(j.status) ? (
        <Flex vertical gap={8}>
          <Progress percent={percent(j)} status="active" />
          <Typography.Text type="secondary">
            {fmt(t.rows, { done: j.processed, total: j.totalRows || '…' })}
          </Typography.Text>
        </Flex>
      ) : j.status === 'done' ? (
        <>
          {/* Hours wait for a decision: what the reviewer came for goes first. */}
          {j.kind === 'records' && <HoursDecision job={j} />}
          <Result
            status="success"
            title={t.doneTitle}
            subTitle={<Counts j={j} />}
            extra={<Button onClick={onAnother}>{t.uploadAnother}</Button>}
          />
        </>
      ) : j.status === 'failed' ? (
        <Result
          status="error"
          title={t.failedTitle}
          extra={[
            <Button key="a" onClick={onAnother}>
              {t.uploadAnother}
            </Button>,
          ]}
        />
      ) : (
        <Flex vertical gap={12}>
          <Alert
            type="warning"
            showIcon
            title={fmt(t.invalidTitle, { n: j.errorCount })}
            description={t.invalidBody}
          />
          <ImportErrors job={j} />
          <Flex gap={8} wrap>
            {reportButton}
            <Button type="primary" onClick={onAnother}>
              {t.uploadAnother}
            </Button>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
