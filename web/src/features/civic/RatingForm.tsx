import { useState } from 'react';
import { Button, Flex, Input, Rate, Typography } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { civicMessages } from './messages.ts';

/** The check of a handled case: 1–5 stars (1–2 sends it back) and an optional comment. */
export function RatingForm({
  title,
  submitLabel,
  loading,
  onSubmit,
}: {
  title: string;
  submitLabel: string;
  loading: boolean;
  onSubmit: (rating: number, comment: string) => void;
}) {
  const t = useMessages(civicMessages);
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  return (
    <Flex vertical gap={6} style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t.rateHint}
      </Typography.Text>
      <Rate value={rating} onChange={setRating} style={{ fontSize: 28 }} aria-label={title} />
      <Input
        maxLength={200}
        placeholder={t.comment}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <Button
        type="primary"
        disabled={!rating}
        loading={loading}
        onClick={() => onSubmit(rating, comment.trim())}
        style={{ minHeight: 44 }}
      >
        {submitLabel}
      </Button>
    </Flex>
  );
}
