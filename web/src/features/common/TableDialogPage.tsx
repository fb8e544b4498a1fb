import type { ReactNode } from 'react';
import { Button, Flex, Form, Modal, Table, Typography, type FormInstance, type TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorResult } from '../shell/ErrorResult.tsx';

/**
 * The console's "list with a create dialog" layout (partners, honours rounds, insurance policies): a title
 * with one primary action, an optional intro, the query's table (or its error with a retry), and the
 * page's dialogs as children. Pages keep their own columns, forms and mutations.
 */
export function TableDialogPage<T extends object>({
  title,
  action,
  intro,
  query,
  emptyText,
  table,
  children,
}: {
  title: string;
  action?: { label: string; onClick: () => void };
  intro?: ReactNode;
  query: UseQueryResult<{ items: T[] }>;
  emptyText: string;
  table: Omit<TableProps<T>, 'dataSource' | 'loading' | 'locale'>;
  children?: ReactNode;
}) {
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {action && (
          <Button type="primary" onClick={action.onClick}>
            {action.label}
          </Button>
        )}
      </Flex>
      {intro && <Typography.Text type="secondary">{intro}</Typography.Text>}
      {query.isError ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Table<T>
          rowKey="id"
          scroll={{ x: 720 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          {...table}
          loading={query.isPending}
          dataSource={query.data?.items ?? []}
          locale={{ emptyText }}
        />
      )}
      {children}
    </Flex>
  );
}

/** A dialog holding one vertical form: OK submits it, Cancel closes. */
export function FormDialog<V extends object>({
  open,
  title,
  form,
  pending,
  okText,
  cancelText,
  initialValues,
  onCancel,
  onFinish,
  children,
}: {
  open: boolean;
  title: string;
  form: FormInstance<V>;
  pending: boolean;
  okText: string;
  cancelText: string;
  initialValues?: Partial<V>;
  onCancel: () => void;
  onFinish: (values: V) => void;
  children: ReactNode;
}) {
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={cancelText}
      confirmLoading={pending}
      onCancel={onCancel}
      onOk={() => form.submit()}
    >
      <Form<V> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish}>
        {children}
      </Form>
    </Modal>
  );
}
