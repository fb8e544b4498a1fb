import { useState } from 'react';
import { Button, Flex, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useMessages } from '../../../lib/i18n.tsx';
import { useCurrentUser } from '../../auth/session.ts';
import { PageTitle } from '../../common/PageTitle.tsx';
import { ErrorResult } from '../../shell/ErrorResult.tsx';
import { managedCourses, TRAINING_KEY, type CourseSummary } from '../api.ts';
import { trainingMessages } from '../messages.ts';
import { useQualificationTypes } from '../useTypes.ts';
import { CompletionsDrawer } from './CompletionsDrawer.tsx';
import { CourseModal } from './CourseModal.tsx';

/** /training (console) — the courses of my organizations and regions: create, edit, publish, completions. */
export default function CoursesAdminPage() {
  const t = useMessages(trainingMessages);
  const { nameOf } = useQualificationTypes();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const [completions, setCompletions] = useState<CourseSummary | null>(null);
  const list = useQuery({ queryKey: [...TRAINING_KEY, 'managed'], queryFn: managedCourses });
  return (
    <Flex vertical gap={16}>
      <PageTitle
        title={t.consoleTitle}
        extra={
          <Flex gap={8} wrap>
            {me.roles.some((g) => g.role === 'region_admin') && (
              <Button onClick={() => navigate('/training/claims')}>{t.claimsTitle}</Button>
            )}
            <Button onClick={() => navigate('/training/coverage')}>{t.coverageTitle}</Button>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing(null)}>
              {t.newCourse}
            </Button>
          </Flex>
        }
      />
      {list.isError ? (
        <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<CourseSummary>
          rowKey="id"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t.empty }}
          scroll={{ x: 800 }}
          pagination={false}
          columns={[
            { title: t.title, dataIndex: 'title' },
            { title: t.ownerKind, dataIndex: 'ownerName', width: 180 },
            {
              title: t.mode,
              dataIndex: 'mode',
              width: 100,
              render: (m: string) => (m === 'online' ? t.online : t.offline),
            },
            {
              title: t.qualification,
              dataIndex: 'qualificationCode',
              width: 120,
              render: (q: string | null) => (q ? <Tag color="gold">{nameOf(q)}</Tag> : '—'),
            },
            {
              title: '',
              dataIndex: 'status',
              width: 90,
              render: (s: 'draft' | 'published') => (
                <Tag color={s === 'published' ? 'green' : 'default'}>{t[`status_${s}`]}</Tag>
              ),
            },
            {
              title: '',
              width: 200,
              render: (_, c) => (
                <Flex gap={4}>
                  <Button type="link" onClick={() => setEditing(c.id)}>
                    {t.edit}
                  </Button>
                  <Button type="link" onClick={() => setCompletions(c)}>
                    {t.completionsTitle}
                  </Button>
                </Flex>
              ),
            },
          ]}
        />
      )}
      <CourseModal id={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} />
      <CompletionsDrawer course={completions} onClose={() => setCompletions(null)} />
    </Flex>
  );
}
