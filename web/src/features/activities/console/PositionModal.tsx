import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../../lib/i18n.tsx';
import { useQualificationTypes } from '../../training/useTypes.ts';
import { commonMessages } from '../../common/messages.ts';
import {
  createPosition,
  keys,
  updatePosition,
  type ActivityDetail,
  type PositionInput,
  type PositionView,
} from './api.ts';
import { positionMessages } from './position.messages.ts';
import { ShiftsEditor, type ShiftFormValue } from './ShiftsEditor.tsx';
import { fromPicker, toPicker } from '../../../lib/china-time.ts';

interface PositionFormValues {
  name: string;
  duties: string;
  minAge?: number | null;
  maxAge?: number | null;
  requiredSkills: string[];
  requiredQualifications: string[];
  /** A catalogue code; '' for none (a Select option needs a value). */
  requiredQualification: string;
  needsApproval: boolean;
  shifts: ShiftFormValue[];
}

function initialValues(a: ActivityDetail, p: PositionView | null): PositionFormValues {
  if (!p)
    return {
      name: '',
      duties: '',
      requiredSkills: [],
      requiredQualifications: [],
      requiredQualification: '',
      needsApproval: false,
      shifts: [{ startsAt: toPicker(a.startsAt), endsAt: toPicker(a.endsAt), quota: 10 }],
    };
  return {
    name: p.name,
    duties: p.duties,
    minAge: p.minAge,
    maxAge: p.maxAge,
    requiredSkills: p.requiredSkills,
    requiredQualifications: p.requiredQualifications,
    requiredQualification: p.requiredQualification ?? '',
    needsApproval: p.needsApproval,
    shifts: p.shifts.map((s) => ({
      id: s.id,
      startsAt: toPicker(s.startsAt),
      endsAt: toPicker(s.endsAt),
      quota: s.quota,
      taken: s.taken,
    })),
  };
}

function toBody(v: PositionFormValues): PositionInput {
  return {
    name: v.name.trim(),
    duties: v.duties?.trim() ?? '',
    minAge: v.minAge ?? null,
    maxAge: v.maxAge ?? null,
    requiredSkills: v.requiredSkills,
    requiredQualifications: v.requiredQualifications,
    requiredQualification: v.requiredQualification || null,
    needsApproval: v.needsApproval,
    // Shifts keep their ids, so the server edits them instead of replacing them (and their sign-ups).
    shifts: v.shifts.map((s) => ({
      ...(s.id ? { id: s.id } : {}),
      startsAt: fromPicker(s.startsAt!),
      endsAt: fromPicker(s.endsAt!),
      quota: s.quota!,
    })),
  };
}

interface Props {
  activity: ActivityDetail;
  /** The position to edit; null adds a new one. */
  position: PositionView | null;
  open: boolean;
  onClose: () => void;
}

/** Adds or edits a position and its shifts in one go (PUT replaces the shift list as given). */
export function PositionModal({ activity, position, open, onClose }: Props) {
  const t = useMessages(positionMessages);
  const c = useMessages(commonMessages);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { items: types, locale } = useQualificationTypes();
  const save = useMutation({
    mutationFn: (v: PositionFormValues) =>
      position ? updatePosition(activity.id, position.id, toBody(v)) : createPosition(activity.id, toBody(v)),
    onSuccess: () => {
      void message.success(position ? t.saved : t.added);
      void qc.invalidateQueries({ queryKey: keys.activity(activity.id) });
      onClose();
    },
  });
  const tags = (placeholder: string) => (
    <Select
      mode="tags"
      tokenSeparators={[',', '，', '、']}
      open={false}
      placeholder={placeholder}
      maxCount={20}
    />
  );

  return (
    <Modal
      open={open}
      title={position ? t.editTitle : t.addTitle}
      width={820}
      okText={c.save}
      cancelText={c.cancel}
      // The form is the modal's content, with its own store: destroyed on close, so each opening starts from
      // initialValues (a store kept across openings came back with an empty shift row). The button submits it.
      okButtonProps={{ loading: save.isPending, htmlType: 'submit', form: 'position' }}
      onCancel={onClose}
      afterOpenChange={(o) => !o && save.reset()}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<PositionFormValues>
        name="position"
        layout="vertical"
        preserve={false}
        initialValues={initialValues(activity, position)}
        onFinish={(v) => save.mutate(v)}
        disabled={save.isPending}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t.name}
              rules={[{ required: true, whitespace: true, message: t.nameRequired }]}
            >
              <Input maxLength={100} placeholder={t.namePlaceholder} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="minAge" label={t.minAge}>
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="maxAge"
              label={t.maxAge}
              dependencies={['minAge']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: number | null | undefined) => {
                    const min = getFieldValue('minAge') as number | null | undefined;
                    return v == null || min == null || v >= min
                      ? Promise.resolve()
                      : Promise.reject(new Error(t.ageOrder));
                  },
                }),
              ]}
            >
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="duties" label={t.duties}>
          <Input.TextArea rows={2} maxLength={2000} showCount placeholder={t.dutiesPlaceholder} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="requiredSkills" label={t.skills} extra={t.tagsHint}>
              {tags(t.skillsPlaceholder)}
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            {/* The older written requirements: no longer entered (pick a qualification type below); an
                existing list is kept as it is and shown, and only qualification records meet it. */}
            <Form.Item name="requiredQualifications" hidden>
              {tags(t.qualificationsPlaceholder)}
            </Form.Item>
            {(position?.requiredQualifications ?? []).length > 0 && (
              <Form.Item label={t.qualifications} extra={t.writtenQualificationsHint}>
                <span data-testid="written-qualifications">
                  {position!.requiredQualifications.join('、')}
                </span>
              </Form.Item>
            )}
          </Col>
          <Col xs={24} md={4}>
            <Form.Item name="needsApproval" label={t.needsApprovalLabel} tooltip={t.needsApprovalHint}>
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item
              name="requiredQualification"
              label={t.requiredQualification}
              extra={t.requiredQualificationHint}
            >
              <Select
                data-testid="required-qualification"
                options={[
                  { value: '', label: t.noQualification },
                  ...types.map((q) => ({ value: q.code, label: q.names[locale] })),
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <ShiftsEditor activity={activity} />
        {save.isError && <Alert type="error" showIcon role="alert" title={save.error.message} />}
      </Form>
    </Modal>
  );
}
