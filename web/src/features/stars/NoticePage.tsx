import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, Modal, Skeleton, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { isApiError } from '../../lib/api.ts';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { keys, objectTo, starNotices, type StarNotice } from './api.ts';
import { starMessages } from './messages.ts';

/** /stars/notices — the public notice of star candidates (names masked), with a way to object. */
export default function NoticePage() {
  const t = useMessages(starMessages);
  const { message } = App.useApp();
  const [target, setTarget] = useState<StarNotice | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({ queryKey: keys.notices, queryFn: ({ signal }) => starNotices(signal) });
  const object = useMutation({
    mutationFn: () => objectTo(target!.id, reason.trim()),
    onSuccess: () => {
      void message.success(t.objected);
      setTarget(null);
      setReason('');
    },
    onError: (e) => void message.error(isApiError(e, 'UNAUTHENTICATED') ? t.signInToObject : e.message),
  });
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720, margin: '0 auto', padding: 16 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t.noticeTitle}
      </Typography.Title>
      <Typography.Text type="secondary">{t.noticeIntro}</Typography.Text>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <Skeleton active />
      ) : q.data.items.length === 0 ? (
        <Empty description={t.emptyNotice} />
      ) : (
        q.data.items.map((n) => (
          <Card key={n.id} size="small" data-testid="notice">
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Flex vertical>
                <Typography.Text strong>
                  {n.maskedName} · {fmt(t.starsN, { n: n.level })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {n.volunteerNo} · {fmt(t.hours, { h: n.hours })} · {n.certifyingRegionName}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {n.noticeFrom} — {n.noticeUntil}
                </Typography.Text>
              </Flex>
              <Button onClick={() => setTarget(n)}>{t.object}</Button>
            </Flex>
          </Card>
        ))
      )}
      <Modal
        open={target !== null}
        title={t.object}
        okText={t.object}
        cancelText={t.cancel}
        okButtonProps={{ disabled: reason.trim().length < 5, loading: object.isPending }}
        onCancel={() => setTarget(null)}
        onOk={() => object.mutate()}
      >
        <Input.TextArea
          rows={4}
          placeholder={t.objectReason}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={1000}
        />
      </Modal>
    </Flex>
  );
}
