import { Card, Col, Form, Input, Row, Select } from 'antd';
import { CATEGORY_NAMES, SERVICE_CATEGORIES, SERVICE_TARGETS, TARGET_NAMES } from '@yiqi/shared/categories';
import { normalizePhone } from '@yiqi/shared/identity/normalize';
import { useMessages, useText } from '../../../lib/i18n.tsx';
import { activityFormMessages } from './form.messages.ts';
import { PHONE } from './form.ts';

/** What the activity is, for whom, and whom to ask about it. */
export function BasicSection({ maskedPhone }: { maskedPhone?: string | null | undefined }) {
  const f = useMessages(activityFormMessages);
  const text = useText();
  return (
    <Card title={f.sectionBasic}>
      <Form.Item
        name="title"
        label={f.title}
        rules={[{ required: true, whitespace: true, message: f.titleRequired }]}
      >
        <Input maxLength={100} showCount placeholder={f.titlePlaceholder} />
      </Form.Item>
      <Form.Item
        name="description"
        label={f.description}
        rules={[{ required: true, whitespace: true, message: f.descriptionRequired }]}
      >
        <Input.TextArea rows={5} maxLength={5000} showCount placeholder={f.descriptionPlaceholder} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            name="category"
            label={f.category}
            rules={[{ required: true, message: f.categoryRequired }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={f.categoryPlaceholder}
              options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: text(CATEGORY_NAMES[c]) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="targets" label={f.targets}>
            <Select
              mode="multiple"
              allowClear
              placeholder={f.targetsPlaceholder}
              optionFilterProp="label"
              options={SERVICE_TARGETS.map((c) => ({ value: c, label: text(TARGET_NAMES[c]) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="personInCharge"
            label={f.personInCharge}
            rules={[{ required: true, whitespace: true, message: f.personInChargeRequired }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="contactName"
            label={f.contactName}
            rules={[{ required: true, whitespace: true, message: f.contactNameRequired }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="contactPhone"
            label={f.contactPhone}
            extra={maskedPhone ? f.phoneMaskedHint : undefined}
            rules={[
              {
                validator: (_, v: string | null | undefined) =>
                  !v?.trim() || v === maskedPhone || PHONE.test(normalizePhone(v))
                    ? Promise.resolve()
                    : Promise.reject(new Error(f.phoneInvalid)),
              },
            ]}
          >
            <Input maxLength={11} inputMode="tel" autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  );
}
