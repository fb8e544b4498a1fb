import { App, Button, Dropdown, Tooltip } from 'antd';
import { DownOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { keys, recordNoShows, type ActivityDetail } from './api.ts';
import { allShifts } from './ShiftSelect.tsx';
import { signupMessages } from './signup.messages.ts';
import { hasEnded, timeRange } from './time.ts';

/**
 * Records as no-shows the accepted volunteers of an ended shift who never checked in (after a
 * confirmation: they are told, and it counts against them).
 */
export function NoShowButton({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(signupMessages);
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const ended = allShifts(activity).filter((s) => hasEnded(s.endsAt));
  const record = (shiftId: string, label: string) =>
    modal.confirm({
      title: t.noShowConfirm,
      content: fmt(t.noShowConfirmBody, { shift: label }),
      okText: t.noShowOk,
      okButtonProps: { danger: true },
      cancelText: t.cancel,
      onOk: async () => {
        try {
          const r = await recordNoShows(activity.id, shiftId);
          void message.success(fmt(t.noShowsRecorded, { n: r.recorded }));
          void qc.invalidateQueries({ queryKey: keys.activity(activity.id) });
        } catch (e) {
          void message.error((e as Error).message);
        }
      },
    });
  if (!ended.length)
    return (
      <Tooltip title={t.noShowNotYet}>
        <Button icon={<UserDeleteOutlined aria-hidden />} disabled>
          {t.noShows}
        </Button>
      </Tooltip>
    );
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: ended.map((s) => ({
          key: s.id,
          label: `${s.positionName} · ${timeRange(s.startsAt, s.endsAt)}`,
        })),
        onClick: ({ key }) => {
          const s = ended.find((x) => x.id === key);
          if (s) record(s.id, `${s.positionName} · ${timeRange(s.startsAt, s.endsAt)}`);
        },
      }}
    >
      <Button icon={<UserDeleteOutlined aria-hidden />} data-testid="no-shows">
        {t.noShows} <DownOutlined aria-hidden />
      </Button>
    </Dropdown>
  );
}
