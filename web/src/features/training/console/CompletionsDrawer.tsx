import { App, Button, Drawer, Flex, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import {
  completions,
  markCompletions,
  TRAINING_KEY,
  type CompletionList,
  type CourseSummary,
} from '../api.ts';
import { trainingMessages } from '../messages.ts';
import { formatTime } from '../../../lib/format.ts';

/** A course's completions; for an offline course, its attendees and "complete from attendance". */
export function CompletionsDrawer({
  course,
  onClose,
}: {
  course: CourseSummary | null;
  onClose: () => void;
}) {
  const t = useMessages(trainingMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: [...TRAINING_KEY, 'completions', course?.id],
    queryFn: () => completions(course!.id),
    enabled: course !== null,
  });
  const mark = useMutation({
    mutationFn: () => markCompletions(course!.id),
    onSuccess: (r) => {
      void message.success(fmt(t.marked, { n: r.recorded, g: r.granted }));
      if (r.skipped.length) void message.warning(t.skippedSelf);
      void qc.invalidateQueries({ queryKey: TRAINING_KEY });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Drawer open={course !== null} onClose={onClose} title={course?.title} width={640}>
      <Flex vertical gap={16}>
        {course?.mode === 'offline' && (
          <>
            <Flex justify="space-between" align="center">
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t.attendees}
              </Typography.Title>
              <Button type="primary" loading={mark.isPending} onClick={() => mark.mutate()}>
                {t.markFromAttendance}
              </Button>
            </Flex>
            <Table<CompletionList['attendees'][number]>
              rowKey="volunteerId"
              size="small"
              pagination={false}
              dataSource={q.data?.attendees ?? []}
              columns={[
                { title: t.name, dataIndex: 'name' },
                {
                  title: t.checkedInAt,
                  dataIndex: 'checkedInAt',
                  render: (d: string) => formatTime(d),
                },
                {
                  title: '',
                  dataIndex: 'completed',
                  render: (c: boolean) => (c ? <Tag color="green">{t.done}</Tag> : <Tag>{t.notYet}</Tag>),
                },
              ]}
            />
          </>
        )}
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t.completionsTitle}
        </Typography.Title>
        <Table<CompletionList['records'][number]>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          pagination={false}
          dataSource={q.data?.records ?? []}
          columns={[
            { title: t.name, dataIndex: 'name' },
            {
              title: t.mode,
              dataIndex: 'method',
              render: (m: 'quiz' | 'attendance') => t[`method_${m}`],
            },
            { title: '', dataIndex: 'at', render: (d: string) => formatTime(d) },
          ]}
        />
      </Flex>
    </Drawer>
  );
}
