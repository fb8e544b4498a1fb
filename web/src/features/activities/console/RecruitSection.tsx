import { Alert, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import {
  LATE_CANCEL_GRACE_MINUTES,
  RECRUIT_MODES,
  RECRUIT_MODE_NAMES,
} from '@yiqi/shared/contracts/activities';
import { ROUNDING_RULE_NAMES } from '@yiqi/shared/contracts/records';
import { ROUNDING_RULES } from '@yiqi/shared/records/hours';
import { fmt, useMessages, useText } from '../../../lib/i18n.tsx';
import { activityFormMessages } from './form.messages.ts';
import { INVITE_CODE, randomInviteCode, type ActivityFormValues } from './form.ts';
import { TeamSelect } from './TeamSelect.tsx';
import { fromPicker } from '../../../lib/china-time.ts';

interface Props {
  orgId: string;
  /** Teams already designated, with their names (they may be outside what the picker finds). */
  known: { id: string; name: string }[];
}

/**
 * Who may sign up (everyone, designated teams, or holders of a code), until when they may cancel, and how
 * their hours are computed (breaks deducted, rounding rule).
 */
export function RecruitSection({ orgId, known }: Props) {
  const f = useMessages(activityFormMessages);
  const text = useText();
  const form = Form.useFormInstance<ActivityFormValues>();
  const mode = Form.useWatch('recruitMode', form);
  const startsAt = Form.useWatch('startsAt', form);
  const cutoff = Form.useWatch('cancelCutoffHours', form);
  // Starting inside the cut-off already: sign-ups get only the grace after signing up (see PublishNotice).
  const inside =
    startsAt?.isValid() &&
    typeof cutoff === 'number' &&
    new Date(fromPicker(startsAt)).getTime() < Date.now() + cutoff * 3600_000;
  return (
    <Card title={f.sectionRecruit}>
      <Form.Item name="recruitMode" label={f.recruitMode}>
        <Radio.Group options={RECRUIT_MODES.map((m) => ({ value: m, label: text(RECRUIT_MODE_NAMES[m]) }))} />
      </Form.Item>
      {mode === 'teams' && (
        <Form.Item
          name="designatedOrgs"
          label={f.designatedOrgs}
          extra={f.designatedOrgsHint}
          rules={[{ required: true, type: 'array', min: 1, message: f.designatedOrgsRequired }]}
        >
          <TeamSelect orgId={orgId} known={known} />
        </Form.Item>
      )}
      {mode === 'code' && (
        <Form.Item label={f.inviteCode} extra={f.inviteCodeHint} required>
          <Space.Compact style={{ width: 360, maxWidth: '100%' }}>
            <Form.Item
              noStyle
              name="inviteCode"
              rules={[
                { required: true, whitespace: true, message: f.inviteCodeRequired },
                { pattern: INVITE_CODE, message: f.inviteCodeInvalid },
              ]}
            >
              <Input maxLength={32} autoComplete="off" style={{ fontFamily: 'monospace' }} />
            </Form.Item>
            <Button
              icon={<ReloadOutlined aria-hidden />}
              onClick={() => form.setFieldsValue({ inviteCode: randomInviteCode() })}
            >
              {f.generate}
            </Button>
          </Space.Compact>
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="cancelCutoffHours"
            label={f.cancelCutoff}
            extra={f.cancelCutoffHint}
            rules={[{ required: true, message: f.cancelCutoffRequired }]}
          >
            <InputNumber min={0} max={720} precision={0} suffix={f.hours} style={{ width: 200 }} />
          </Form.Item>
          {inside && (
            <Alert
              type="warning"
              showIcon
              data-testid="cutoff-inside"
              style={{ marginBottom: 16 }}
              message={fmt(f.cancelCutoffInside, { grace: LATE_CANCEL_GRACE_MINUTES })}
            />
          )}
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="breakMinutes" label={f.breakMinutes} extra={f.breakMinutesHint}>
            <InputNumber min={0} max={600} precision={0} suffix={f.minutes} style={{ width: 200 }} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="hoursRule" label={f.hoursRule} extra={f.hoursRuleHint}>
            <Select
              options={ROUNDING_RULES.map((r) => ({ value: r, label: text(ROUNDING_RULE_NAMES[r]) }))}
              style={{ maxWidth: 480 }}
              popupMatchSelectWidth={false}
            />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
