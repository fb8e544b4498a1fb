import { Table, Typography } from 'antd';
import { fmt, useMessages, useText } from '../../lib/i18n.tsx';
import type { ImportJob } from './api.ts';
import { COLUMN_NAMES } from './columns.ts';
import { importMessages } from './messages.ts';

/** The first problems of a rejected file, by row and column (the full list is the Excel report). */
export function ImportErrors({ job }: { job: ImportJob }) {
  const t = useMessages(importMessages);
  const text = useText();
  return (
    <>
      <Table
        rowKey={(e) => `${e.row}-${e.column ?? ''}-${e.code}`}
        size="small"
        dataSource={job.errors}
        pagination={job.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        columns={[
          { title: t.row, dataIndex: 'row', width: 64 },
          {
            title: t.column,
            dataIndex: 'column',
            width: 120,
            render: (c: string | null) => (c ? (COLUMN_NAMES[c] ? text(COLUMN_NAMES[c]) : c) : '—'),
          },
          { title: t.message, dataIndex: 'message' },
        ]}
        data-testid="import-errors"
      />
      {job.errorCount > job.errors.length && (
        <Typography.Text type="secondary">
          {fmt(t.moreErrors, { shown: job.errors.length, total: job.errorCount })}
        </Typography.Text>
      )}
    </>
  );
}
