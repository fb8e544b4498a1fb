import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Image, Input, List, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { formatTime } from '../../lib/format.ts';
import { ApiError } from '../../lib/api.ts';
import { getInvitations, orderAction, photoUrl, type OrderDetailT } from './api.ts';
import { dispatchMessages } from './messages.ts';

/**
 * The parts of the console's order page added with the loop's end: the photos (the resident's and the
 * report's, shown only to staff in scope), the volunteers invited and their answers, and the follow-up
 * after an unhappy rating.
 */
export function OrderPhotos({
  o,
  team = false,
}: {
  o: OrderDetailT | { id: string; photos: OrderDetailT['photos'] };
  team?: boolean;
}) {
  const t = useMessages(dispatchMessages);
  if (o.photos.length === 0) return null;
  return (
    <Card size="small" title={t.orderPhotos}>
      <Image.PreviewGroup>
        <Flex gap={8} wrap>
          {o.photos.map((p) => (
            <Flex key={p.id} vertical align="center" gap={2}>
              <Image
                src={photoUrl(o.id, p.id, team)}
                width={96}
                height={96}
                style={{ objectFit: 'cover', borderRadius: 6 }}
                alt={p.kind === 'order' ? t.orderPhoto : t.reportPhoto}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.kind === 'order' ? t.orderPhoto : t.reportPhoto}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Image.PreviewGroup>
    </Card>
  );
}

const COLOR = { invited: 'processing', accepted: 'success', declined: 'default' } as const;

export function InvitationsCard({ id }: { id: string }) {
  const t = useMessages(dispatchMessages);
  const q = useQuery({
    queryKey: ['dispatch-invitations', id],
    queryFn: ({ signal }) => getInvitations(id, signal),
  });
  if (!q.data) return null;
  return (
    <Card size="small" title={t.invitations} data-testid="invitations">
      {q.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noInvitations} />
      ) : (
        <List
          size="small"
          dataSource={q.data.items}
          renderItem={(i) => (
            <List.Item extra={<Tag color={COLOR[i.status]}>{t[`invitationStatus_${i.status}`]}</Tag>}>
              <Flex vertical>
                <Typography.Text>
                  {i.volunteer.name ?? '—'} · {i.volunteer.volunteerNo}
                  {i.byTeam && <Tag style={{ marginLeft: 8 }}>{t.byTeam}</Tag>}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(i.createdAt)}
                  {i.declineReason ? ` · ${t.reason}：${i.declineReason}` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 回访: open after a rating of 1–2; the unit closes it with a note. */
export function FollowUpCard({ o }: { o: OrderDetailT }) {
  const t = useMessages(dispatchMessages);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [note, setNote] = useState('');
  const m = useMutation({
    mutationFn: () => orderAction(o.id, 'follow-up/close', { note }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['dispatch-order', o.id] }),
    onError: (e) => void message.error(e instanceof ApiError ? e.message : String(e)),
  });
  if (!o.followUp) return null;
  return (
    <Card size="small" title={t.followUp} data-testid="follow-up">
      {o.followUp === 'closed' ? (
        <Typography.Text>
          <Tag color="success">{t.followUpClosed}</Tag>
          {o.followUpNote}
        </Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text type="warning">{t.followUpOpen}</Typography.Text>
          <Input.TextArea
            rows={3}
            maxLength={1000}
            aria-label={t.followUpNote}
            placeholder={t.followUpNote}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button type="primary" disabled={!note.trim()} loading={m.isPending} onClick={() => m.mutate()}>
            {t.closeFollowUp}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
