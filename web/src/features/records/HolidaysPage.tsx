import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Flex, Skeleton, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../lib/format.ts';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { HolidayEditModal } from './HolidayEditModal.tsx';
import { formatDays, holidayKeys, listHolidayTables, type HolidayTable } from './holidays.ts';
import { holidayMessages } from './holidays.messages.ts';

function DayList({ days, none }: { days: string[]; none: string }) {
  const lines = formatDays(days);
  return lines.length ? (
    <Flex gap={6} wrap>
      {lines.map((l) => (
        <Tag key={l}>{l}</Tag>
      ))}
    </Flex>
  ) : (
    <Typography.Text type="secondary">{none}</Typography.Text>
  );
}

/** /holidays — the year tables records' due dates are counted on; the system administrator enters them. */
export default function HolidaysPage() {
  const t = useMessages(holidayMessages);
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const editor = me.roles.some((r) => r.role === 'system_admin');
  const q = useQuery({ queryKey: holidayKeys.all, queryFn: ({ signal }) => listHolidayTables(signal) });
  const [active, setActive] = useState<string | undefined>();
  const [editing, setEditing] = useState<HolidayTable | { year: number } | null>(null);

  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const items = q.data?.items ?? [];
  const shown = items.find((y) => String(y.year) === active) ?? items.at(-1);
  const next = (items.at(-1)?.year ?? new Date().getFullYear()) + 1;
  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <PageTitle title={t.title} />
      <Typography.Text type="secondary">{t.intro}</Typography.Text>
      <Card
        extra={
          editor && (
            <Button
              icon={<EditOutlined aria-hidden />}
              onClick={() => setEditing(shown ?? { year: next })}
              data-testid="edit-holidays"
            >
              {t.edit}
            </Button>
          )
        }
        title={
          <Tabs
            activeKey={shown ? String(shown.year) : undefined}
            onChange={setActive}
            items={items.map((y) => ({ key: String(y.year), label: fmt(t.year, { year: y.year }) }))}
            style={{ marginBottom: -17 }}
          />
        }
      >
        {q.isPending ? (
          <Skeleton active />
        ) : !shown ? (
          <Empty />
        ) : (
          <Descriptions column={1} bordered size="middle" data-testid="holiday-table">
            <Descriptions.Item label={t.source}>
              <Flex vertical gap={4}>
                <span>{shown.source}</span>
                <span>
                  {shown.provisional ? (
                    <Tag color="orange">{t.provisional}</Tag>
                  ) : (
                    <Tag color="green">{shown.enteredBy ? t.official : t.builtIn}</Tag>
                  )}
                  {shown.enteredBy && shown.enteredAt && (
                    <Typography.Text type="secondary">
                      {fmt(t.enteredBy, { by: shown.enteredBy, at: formatTime(shown.enteredAt) })}
                    </Typography.Text>
                  )}
                </span>
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t.holidays}>
              <DayList days={shown.holidays} none={t.none} />
            </Descriptions.Item>
            <Descriptions.Item label={t.workdays}>
              <DayList days={shown.workdays} none={t.none} />
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      {editing && (
        <HolidayEditModal
          open
          initial={editing}
          onSaved={(n) => {
            void message.success(fmt(t.saved, { n }));
            void qc.invalidateQueries({ queryKey: holidayKeys.all });
          }}
          onClose={() => setEditing(null)}
        />
      )}
    </Flex>
  );
}
