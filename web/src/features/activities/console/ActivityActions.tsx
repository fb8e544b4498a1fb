import { useState } from 'react';
import { Alert, App, Button, Flex, Popconfirm, Space } from 'antd';
import { CheckCircleOutlined, EditOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { LATE_CANCEL_GRACE_MINUTES } from '@yiqi/shared/contracts/activities';
import { fmt, useMessages } from '../../../lib/i18n.tsx';
import { ReasonModal } from '../../common/ReasonModal.tsx';
import {
  cancelActivity,
  closeActivity,
  keys,
  publishActivity,
  type ActivityDetail,
  type ActivityStatus,
} from './api.ts';
import { activityMessages } from './messages.ts';
import { shiftsInsideCutoff } from './time.ts';

/** Statuses in which the activity and its positions may still be changed. */
export const EDITABLE: readonly ActivityStatus[] = ['draft', 'published', 'in_progress'];

/**
 * What publishing means, and a warning when shifts start inside the cancellation cut-off: those who sign up
 * for them get only the grace after signing up to cancel without it counting as late.
 */
function PublishNotice({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(activityMessages);
  const inside = shiftsInsideCutoff(activity);
  return (
    <Flex vertical gap={8} style={{ maxWidth: 360 }}>
      <span>{t.publishConfirmBody}</span>
      {inside > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="publish-inside-cutoff"
          message={fmt(t.publishInsideCutoff, {
            n: inside,
            hours: activity.cancelCutoffHours,
            grace: LATE_CANCEL_GRACE_MINUTES,
          })}
        />
      )}
    </Flex>
  );
}

/** Edit, publish, cancel (with a reason) and close, as the activity's status allows. */
export function ActivityActions({ activity }: { activity: ActivityDetail }) {
  const t = useMessages(activityMessages);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [cancelling, setCancelling] = useState(false);
  const done = (text: string) => {
    void message.success(text);
    void qc.invalidateQueries({ queryKey: keys.activity(activity.id) });
    void qc.invalidateQueries({ queryKey: keys.org(activity.orgId) });
  };
  const publish = useMutation({
    mutationFn: () => publishActivity(activity.id),
    onSuccess: () => done(t.published),
    onError: (e) => void message.error(e.message),
  });
  const close = useMutation({
    mutationFn: () => closeActivity(activity.id),
    onSuccess: () => done(t.closed),
    onError: (e) => void message.error(e.message),
  });
  const { status } = activity;
  return (
    <Space wrap size={8}>
      {EDITABLE.includes(status) && (
        <Button
          icon={<EditOutlined aria-hidden />}
          onClick={() => navigate(`/activities/${activity.id}/edit`)}
        >
          {t.edit}
        </Button>
      )}
      {status === 'draft' && (
        <Popconfirm
          title={t.publishConfirm}
          description={<PublishNotice activity={activity} />}
          okText={t.publish}
          cancelText={t.cancel}
          onConfirm={() => publish.mutateAsync().catch(() => undefined)}
        >
          <Button
            type="primary"
            icon={<SendOutlined aria-hidden />}
            loading={publish.isPending}
            data-testid="publish"
          >
            {t.publish}
          </Button>
        </Popconfirm>
      )}
      {status === 'ended' && (
        <Popconfirm
          title={t.closeConfirm}
          description={t.closeConfirmBody}
          okText={t.close}
          cancelText={t.cancel}
          onConfirm={() => close.mutateAsync().catch(() => undefined)}
        >
          <Button type="primary" icon={<CheckCircleOutlined aria-hidden />} loading={close.isPending}>
            {t.close}
          </Button>
        </Popconfirm>
      )}
      {EDITABLE.includes(status) && (
        <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setCancelling(true)}>
          {t.cancelActivity}
        </Button>
      )}
      <ReasonModal
        open={cancelling}
        title={t.cancelTitle}
        label={t.cancelReason}
        hint={t.cancelHint}
        requiredMessage={t.cancelReasonRequired}
        okText={t.cancelActivity}
        min={2}
        onSubmit={async (reason) => {
          await cancelActivity(activity.id, reason);
          done(t.cancelled);
        }}
        onClose={() => setCancelling(false)}
      />
    </Space>
  );
}
