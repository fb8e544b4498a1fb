import { Alert, Card, Col, DatePicker, Form, Input, Radio, Row, Switch } from 'antd';
import { RISK_LEVELS, RISK_LEVEL_NAMES } from '@yiqi/shared/contracts/activities';
import { useMessages, useText } from '../../../lib/i18n.tsx';
import { activityFormMessages } from './form.messages.ts';
import type { ActivityFormValues } from './form.ts';

/** The risks volunteers are told about and, for physical risk, the accident insurance that covers them. */
export function RiskSection() {
  const f = useMessages(activityFormMessages);
  const text = useText();
  const form = Form.useFormInstance<ActivityFormValues>();
  const level = Form.useWatch('riskLevel', form);
  const physical = Form.useWatch('physicalRisk', form);
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Card title={f.sectionRisk}>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="riskLevel" label={f.riskLevel}>
            <Radio.Group
              optionType="button"
              options={RISK_LEVELS.map((r) => ({ value: r, label: text(RISK_LEVEL_NAMES[r]) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="physicalRisk" label={f.physicalRisk} extra={f.physicalRiskHint}>
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="riskText"
        label={f.riskText}
        dependencies={['riskLevel', 'physicalRisk']}
        rules={(level && level !== 'none') || physical ? required(f.riskTextRequired) : [{ required: false }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={f.riskTextPlaceholder} />
      </Form.Item>
      {physical && (
        <>
          <Alert type="info" showIcon title={f.insuranceNote} style={{ marginBottom: 16 }} />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="policyNo" label={f.policyNo} rules={required(f.policyNoRequired)}>
                <Input maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="insurer" label={f.insurer} rules={required(f.insurerRequired)}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="cover" label={f.cover} rules={required(f.coverRequired)}>
                <Input maxLength={200} placeholder={f.coverPlaceholder} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="insurancePeriod"
                label={f.insurancePeriod}
                extra={f.insurancePeriodHint}
                rules={[{ required: true, message: f.insurancePeriodRequired }]}
              >
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}
