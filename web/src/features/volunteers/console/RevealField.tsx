import { useState } from 'react';
import { Button, Flex, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { ReasonModal } from '../../common/ReasonModal.tsx';
import { revealField } from './api.ts';
import { staffMessages } from './messages.ts';

/**
 * A masked number with a way to see it whole: a reason is asked for (and audited), and the value is shown
 * this once, held only while the panel is open.
 */
export function RevealField({
  volunteerId,
  field,
  masked,
  label,
}: {
  volunteerId: string;
  field: 'docNumber' | 'phone';
  masked: string | null;
  label: string;
}) {
  const t = useMessages(staffMessages);
  const [asking, setAsking] = useState(false);
  const [value, setValue] = useState<string | null>(null);
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={4} align="flex-start">
      {value ? (
        <>
          <Typography.Text code copyable data-testid={`revealed-${field}`} style={{ fontSize: 15 }}>
            {value}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t.revealedNote}
          </Typography.Text>
        </>
      ) : (
        <Flex gap={8} align="center" wrap>
          <Typography.Text code>{masked}</Typography.Text>
          <Button
            size="small"
            icon={<EyeOutlined aria-hidden />}
            onClick={() => setAsking(true)}
            data-testid={`reveal-${field}`}
          >
            {t.reveal}
          </Button>
        </Flex>
      )}
      <ReasonModal
        open={asking}
        title={fmt(t.revealTitle, { field: label })}
        label={t.revealReason}
        hint={t.revealHint}
        requiredMessage={t.revealRequired}
        okText={t.revealOk}
        min={5}
        max={200}
        danger={false}
        onSubmit={async (reason) => setValue((await revealField(volunteerId, field, reason)).value)}
        onClose={() => setAsking(false)}
      />
    </Flex>
  );
}
