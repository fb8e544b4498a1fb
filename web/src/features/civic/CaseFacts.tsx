import { Flex, Image, Space, Tag, Typography } from 'antd';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import type { CivicCase } from './api.ts';
import { civicMessages } from './messages.ts';
import { formatTime, formatDay } from '../../lib/format.ts';

const STATUS_COLORS = { routed: 'processing', handled: 'warning', rectified: 'success' } as const;

export function StatusTags({ c }: { c: CivicCase }) {
  const t = useMessages(civicMessages);
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLORS[c.status]}>{t[`status_${c.status}`]}</Tag>
      {c.overdue && <Tag color="error">{t.overdue}</Tag>}
      {c.round > 1 && <Tag>{fmt(t.round, { n: c.round })}</Tag>}
    </Space>
  );
}

/** What a case says, for the reporter and the unit alike: category, text, unit, deadline, handling, photos. */
export function CaseFacts({ c, photoUrl }: { c: CivicCase; photoUrl: (c: CivicCase, id: string) => string }) {
  const t = useMessages(civicMessages);
  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text strong>{t[`cat_${c.category}`]}</Typography.Text>
        <StatusTags c={c} />
      </Flex>
      <Typography.Paragraph style={{ margin: 0 }}>{c.description}</Typography.Paragraph>
      <Typography.Text type="secondary">
        {c.regionName ?? c.regionCode} · {formatTime(c.createdAt)}
      </Typography.Text>
      <Typography.Text type="secondary">
        {c.unitName ? fmt(t.unit, { unit: c.unitName }) : t.noUnit} ·{' '}
        {fmt(t.due, { due: formatDay(c.dueAt) })}
      </Typography.Text>
      {c.handlingNote && (
        <Typography.Text>
          {t.handling}：{c.handlingNote}
        </Typography.Text>
      )}
      {c.rating !== null && (
        <Typography.Text type="secondary">
          {t.rated}：{'★'.repeat(c.rating)}
          {'☆'.repeat(5 - c.rating)} {c.ratingComment}
        </Typography.Text>
      )}
      <Image.PreviewGroup>
        <Flex gap={6} wrap>
          {c.photos.map((p) => (
            <Flex key={p.id} vertical align="center" gap={2}>
              <Image
                src={photoUrl(c, p.id)}
                alt={t[`photo_${p.kind}`]}
                width={72}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 6 }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t[`photo_${p.kind}`]}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Image.PreviewGroup>
    </Flex>
  );
}
