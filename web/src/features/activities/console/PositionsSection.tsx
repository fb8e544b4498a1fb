import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, EditOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fmt, useMessages, useText } from '../../../lib/i18n.tsx';
import { EDITABLE } from './ActivityActions.tsx';
import { deletePosition, keys, type ActivityDetail, type PositionView, type ShiftView } from './api.ts';
import { positionMessages } from './position.messages.ts';
import { PositionModal } from './PositionModal.tsx';
import { timeRange } from './time.ts';

/** What a position asks of volunteers: approval, ages, skills and qualifications. */
function Requirements({ p }: { p: PositionView }) {
  const t = useMessages(positionMessages);
  const text = useText();
  const age =
    p.minAge != null || p.maxAge != null
      ? fmt(t.ageRange, { min: p.minAge ?? 0, max: p.maxAge ?? '∞' })
      : null;
  return (
    <Space size={[4, 4]} wrap>
      {p.needsApproval ? <Tag color="gold">{t.needsApproval}</Tag> : <Tag color="green">{t.autoAccept}</Tag>}
      {age && <Tag>{age}</Tag>}
      {p.requiredQualificationName && (
        <Tag color="orange" data-testid="requires-qualification">
          {fmt(t.requiresQualification, { q: text(p.requiredQualificationName) })}
        </Tag>
      )}
      {p.requiredSkills.map((s) => (
        <Tag key={`s-${s}`} color="blue">
          {s}
        </Tag>
      ))}
      {p.requiredQualifications.map((s) => (
        <Tag key={`q-${s}`} color="purple">
          {s}
        </Tag>
      ))}
    </Space>
  );
}

/** The activity's positions with their shifts; adding, editing and deleting while it may still change. */
export function PositionsSection({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(positionMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<PositionView | 'new' | null>(null);
  const editable = EDITABLE.includes(activity.status);
  const remove = useMutation({
    mutationFn: (positionId: string) => deletePosition(activity.id, positionId),
    onSuccess: () => {
      void message.success(t.deleted);
      void qc.invalidateQueries({ queryKey: keys.activity(activity.id) });
    },
    onError: (e) => void message.error(e.message),
  });
  const base = `/activities/${activity.id}`;
  const columns: ColumnsType<ShiftView> = [
    { title: t.shiftTime, key: 'time', render: (_, s) => timeRange(s.startsAt, s.endsAt) },
    { title: t.quota, dataIndex: 'quota', align: 'right' },
    { title: t.taken, dataIndex: 'taken', align: 'right' },
    { title: t.waitlisted, dataIndex: 'waitlisted', align: 'right' },
    {
      title: t.links,
      key: 'links',
      render: (_, s) => (
        <Space size={12} wrap>
          <Link to={`${base}/signups?shift=${s.id}`}>{t.signups}</Link>
          <Link to={`${base}/attendance?shift=${s.id}`}>{t.attendance}</Link>
          <Link to={`${base}/qr?shift=${s.id}`}>
            <QrcodeOutlined aria-hidden /> {t.qr}
          </Link>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t.sectionTitle}
      extra={
        editable && (
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => setEditing('new')}
            data-testid="add-position"
          >
            {t.add}
          </Button>
        )
      }
    >
      {activity.positions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} />
      ) : (
        <Flex vertical gap={16}>
          {activity.positions.map((p) => (
            <Card
              key={p.id}
              size="small"
              type="inner"
              data-testid="position"
              title={
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{p.name}</Typography.Text>
                  <Requirements p={p} />
                </Flex>
              }
              extra={
                editable && (
                  <Space size={4}>
                    <Button
                      size="small"
                      type="text"
                      icon={<EditOutlined aria-hidden />}
                      onClick={() => setEditing(p)}
                    >
                      {t.edit}
                    </Button>
                    <Popconfirm
                      title={fmt(t.deleteConfirm, { name: p.name })}
                      description={t.deleteConfirmBody}
                      okText={t.delete}
                      okButtonProps={{ danger: true }}
                      cancelText={t.cancel}
                      onConfirm={() => remove.mutateAsync(p.id).catch(() => undefined)}
                    >
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        loading={remove.isPending && remove.variables === p.id}
                      >
                        {t.delete}
                      </Button>
                    </Popconfirm>
                  </Space>
                )
              }
            >
              {p.duties && (
                <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.duties}
                </Typography.Paragraph>
              )}
              <Table<ShiftView>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={p.shifts}
                pagination={false}
                scroll={{ x: 'max-content' }}
              />
            </Card>
          ))}
        </Flex>
      )}
      <PositionModal
        activity={activity}
        position={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Card>
  );
}
