import { useState } from 'react';
import { App, Button, Empty, Flex, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { decideObjection, keys, objectionsOf, type StarApplication } from './api.ts';
import { starMessages } from './messages.ts';

/** The objections to a candidate in notice: uphold (the application is refused) or dismiss, with a reason. */
export function ObjectionsModal({
  application,
  onClose,
}: {
  application: StarApplication;
  onClose: () => void;
}) {
  const t = useMessages(starMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const q = useQuery({
    queryKey: keys.objections(application.id),
    queryFn: ({ signal }) => objectionsOf(application.id, signal),
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; upheld: boolean }) => decideObjection(v.id, v.upheld, reason.trim()),
    onSuccess: () => {
      void message.success(t.done);
      setReason('');
      void qc.invalidateQueries({ queryKey: keys.objections(application.id) });
      void qc.invalidateQueries({ queryKey: keys.queue });
    },
    onError: (e) => void message.error(e.message),
  });
  return (
    <Modal open title={`${application.name} · ${application.volunteerNo}`} footer={null} onCancel={onClose}>
      {q.data && q.data.items.length === 0 ? (
        <Empty />
      ) : (
        <List
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          renderItem={(o) => (
            <List.Item>
              <Flex vertical gap={6} style={{ width: '100%' }}>
                <Space>
                  <Tag>{t[o.status]}</Tag>
                  <Typography.Text type="secondary">{o.createdAt.slice(0, 10)}</Typography.Text>
                </Space>
                <Typography.Paragraph style={{ margin: 0 }}>{o.reason}</Typography.Paragraph>
                {o.status === 'open' ? (
                  <>
                    <Input.TextArea
                      rows={2}
                      placeholder={t.decisionReason}
                      value={reason}
                      onChange={(e) => setReason(e.target.value)}
                    />
                    <Space>
                      <Button
                        danger
                        disabled={!reason.trim()}
                        onClick={() => decide.mutate({ id: o.id, upheld: true })}
                      >
                        {t.uphold}
                      </Button>
                      <Button
                        disabled={!reason.trim()}
                        onClick={() => decide.mutate({ id: o.id, upheld: false })}
                      >
                        {t.dismiss}
                      </Button>
                    </Space>
                  </>
                ) : (
                  o.decisionReason && <Typography.Text type="secondary">{o.decisionReason}</Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
