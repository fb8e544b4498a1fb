import { useState } from 'react';
import { Alert, App, Button, Empty, Flex, Form, Typography } from 'antd';
import { ArrowLeftOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api.ts';
import { useMessages } from '../../../lib/i18n.tsx';
import { WithActivity } from './ActivityNav.tsx';
import { createActivity, keys, updateActivity, type ActivityDetail } from './api.ts';
import { BasicSection } from './BasicSection.tsx';
import { activityFormMessages } from './form.messages.ts';
import { changedFields, EMPTY_ACTIVITY, toBody, toFormValues, type ActivityFormValues } from './form.ts';
import { activityMessages } from './messages.ts';
import { RecruitSection } from './RecruitSection.tsx';
import { RiskSection } from './RiskSection.tsx';
import { TimePlaceSection } from './TimePlaceSection.tsx';

/** The paths the API named as invalid, for the error box (the message itself is already localized). */
function invalidFields(e: unknown): string | undefined {
  const details = isApiError(e) ? e.details : undefined;
  if (!Array.isArray(details)) return undefined;
  const paths = details.map((d: { path?: string }) => d.path?.replace(/^body\/?/, '')).filter(Boolean);
  return paths.length ? paths.join(', ') : undefined;
}

/** /activities/new?org=… and /activities/:id/edit — every field of an activity; a new one is a draft. */
export default function ActivityEditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const t = useMessages(activityMessages);
  if (id) return <WithActivity id={id}>{(a) => <Editor orgId={a.orgId} activity={a} />}</WithActivity>;
  const org = params.get('org');
  return org ? <Editor orgId={org} /> : <Empty description={t.chooseOrg} />;
}

function Editor({ orgId, activity }: { orgId: string; activity?: ActivityDetail }) {
  const t = useMessages(activityMessages);
  const f = useMessages(activityFormMessages);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActivityFormValues>();
  const [initial] = useState<ActivityFormValues>(() => (activity ? toFormValues(activity) : EMPTY_ACTIVITY));
  const save = useMutation({
    mutationFn: async (v: ActivityFormValues) => {
      if (!activity) return createActivity(orgId, toBody(v));
      const patch = changedFields(initial, v);
      return Object.keys(patch).length ? updateActivity(activity.id, patch) : { id: activity.id };
    },
    onSuccess: (r) => {
      void message.success(activity ? f.saved : f.created);
      void qc.invalidateQueries({ queryKey: keys.org(orgId) });
      void qc.invalidateQueries({ queryKey: keys.activity(r.id) });
      navigate(`/activities/${r.id}`, { replace: !activity });
    },
  });
  const back = () => navigate(activity ? `/activities/${activity.id}` : `/activities?org=${orgId}`);

  return (
    <Flex vertical gap={16} style={{ maxWidth: 1040 }}>
      <Flex align="center" gap={8} wrap>
        <Button type="text" icon={<ArrowLeftOutlined aria-hidden />} aria-label={t.back} onClick={back} />
        <Typography.Title level={3} style={{ margin: 0 }}>
          {activity ? f.editTitle : f.newTitle}
        </Typography.Title>
        {activity && <Typography.Text type="secondary">{activity.title}</Typography.Text>}
      </Flex>
      {activity && activity.status !== 'draft' && <Alert type="warning" showIcon title={f.changeNotice} />}
      {!activity && <Alert type="info" showIcon title={f.draftNotice} />}
      <Form<ActivityFormValues>
        form={form}
        name="activity"
        layout="vertical"
        initialValues={initial}
        scrollToFirstError={{ behavior: 'smooth', block: 'center' }}
        onFinish={(v) => save.mutate(v)}
        disabled={save.isPending}
      >
        <Flex vertical gap={16}>
          <BasicSection maskedPhone={activity?.contactPhone} />
          <TimePlaceSection />
          <RecruitSection orgId={orgId} known={activity?.designatedOrgs ?? []} />
          <RiskSection />
          {save.isError && (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={save.error.message}
              description={invalidFields(save.error)}
            />
          )}
          <Flex gap={8} justify="flex-end" wrap>
            <Button onClick={back}>{t.cancel}</Button>
            <Button
              type="primary"
              htmlType="submit"
              icon={<SaveOutlined aria-hidden />}
              loading={save.isPending}
              data-testid="save-activity"
            >
              {activity ? f.saveChanges : f.saveDraft}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Flex>
  );
}
