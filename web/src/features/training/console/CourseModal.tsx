import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Switch } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMessages } from '../../../lib/i18n.tsx';
import { useCurrentUser } from '../../auth/session.ts';
import { managedCourse, saveCourse, TRAINING_KEY, type CourseInput } from '../api.ts';
import { trainingMessages } from '../messages.ts';
import { useQualificationTypes } from '../useTypes.ts';

interface Values {
  owner: string;
  title: string;
  description: string;
  mode: 'online' | 'offline';
  material: string;
  materialUrl?: string;
  activityId?: string;
  qualificationCode?: string;
  passMark: number;
  published: boolean;
  quiz: { text: string; options: string; answer: number }[];
}

/** Create or edit a course: owner (one of my scopes), mode, material, quiz with answers, what it grants. */
export function CourseModal({
  id,
  open,
  onClose,
}: {
  id: string | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useMessages(trainingMessages);
  const me = useCurrentUser();
  const { items, locale } = useQualificationTypes();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const scopes = me.roles.filter((g) => g.role === 'org_admin' || g.role === 'region_admin');
  const current = useQuery({
    queryKey: [...TRAINING_KEY, 'manage', id],
    queryFn: () => managedCourse(id!),
    enabled: open && id !== null,
  });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const [kind, scope] = v.owner.split(':');
      const body: CourseInput = {
        ...(id ? {} : kind === 'organization' ? { orgId: scope! } : { regionCode: scope! }),
        title: v.title,
        description: v.description ?? '',
        mode: v.mode,
        material: v.material ?? '',
        materialUrl: v.materialUrl ? v.materialUrl : null,
        activityId: v.mode === 'offline' && v.activityId ? v.activityId : null,
        qualificationCode: v.qualificationCode ? v.qualificationCode : null,
        passMark: v.mode === 'online' ? v.passMark : 0,
        published: v.published,
        quiz:
          v.mode === 'online'
            ? (v.quiz ?? []).map((q) => ({
                text: q.text,
                options: q.options
                  .split('\n')
                  .map((s) => s.trim())
                  .filter(Boolean),
                answer: q.answer - 1,
              }))
            : [],
      };
      return saveCourse(id, body);
    },
    onSuccess: () => {
      void message.success(t.saved);
      void qc.invalidateQueries({ queryKey: TRAINING_KEY });
      onClose();
    },
    onError: (e) => void message.error(e.message),
  });
  const c = current.data;
  const initial: Partial<Values> = c
    ? {
        owner: c.orgId ? `organization:${c.orgId}` : `region:${c.regionCode}`,
        title: c.title,
        description: c.description,
        mode: c.mode,
        material: c.material,
        materialUrl: c.materialUrl ?? '',
        activityId: c.activityId ?? '',
        qualificationCode: c.qualificationCode ?? '',
        passMark: c.passMark,
        published: c.status === 'published',
        quiz: c.quiz.map((q) => ({ text: q.text, options: q.options.join('\n'), answer: q.answer + 1 })),
      }
    : {
        owner: scopes[0] ? `${scopes[0].scopeType}:${scopes[0].scopeId}` : '',
        mode: 'online',
        passMark: 1,
        published: false,
        quiz: [{ text: '', options: '', answer: 1 }],
      };
  const mode = Form.useWatch('mode', form);
  return (
    <Modal
      open={open}
      title={id ? t.edit : t.newCourse}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t.save}
      confirmLoading={save.isPending}
      width={720}
      destroyOnHidden
    >
      {(id === null || c) && (
        <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
          <Form.Item name="owner" label={t.ownerKind} rules={[{ required: true }]}>
            <Select
              disabled={id !== null}
              options={scopes.map((g) => ({ value: `${g.scopeType}:${g.scopeId}`, label: g.scopeName }))}
            />
          </Form.Item>
          <Form.Item name="title" label={t.title} rules={[{ required: true, min: 2, max: 80 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t.description}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Form.Item name="mode" label={t.mode}>
            <Radio.Group
              options={[
                { value: 'online', label: t.online },
                { value: 'offline', label: t.offline },
              ]}
            />
          </Form.Item>
          <Form.Item name="material" label={t.materialText}>
            <Input.TextArea rows={4} maxLength={20000} />
          </Form.Item>
          <Form.Item name="materialUrl" label={t.materialUrl}>
            <Input placeholder="https://" />
          </Form.Item>
          <Form.Item name="qualificationCode" label={t.qualification}>
            <Select
              allowClear
              options={[
                { value: '', label: t.none },
                ...items.map((x) => ({ value: x.code, label: x.names[locale] })),
              ]}
            />
          </Form.Item>
          {mode === 'offline' ? (
            <Form.Item name="activityId" label={t.activityId}>
              <Input />
            </Form.Item>
          ) : (
            <QuizFields />
          )}
          <Form.Item name="published" label={t.published} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function QuizFields() {
  const t = useMessages(trainingMessages);
  return (
    <>
      <Form.List name="quiz">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={t.question.replace('{n}', String(i + 1))}
                extra={
                  <Button type="link" danger onClick={() => remove(f.name)}>
                    {t.removeQuestion}
                  </Button>
                }
                style={{ marginBottom: 12 }}
              >
                <Form.Item name={[f.name, 'text']} label={t.questionText} rules={[{ required: true }]}>
                  <Input />
                </Form.Item>
                <Form.Item name={[f.name, 'options']} label={t.options} rules={[{ required: true }]}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item name={[f.name, 'answer']} label={t.answer} rules={[{ required: true }]}>
                  <InputNumber min={1} max={6} />
                </Form.Item>
              </Card>
            ))}
            <Button onClick={() => add({ text: '', options: '', answer: 1 })} style={{ marginBottom: 12 }}>
              {t.addQuestion}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="passMark" label={t.passMarkLabel}>
        <InputNumber min={0} max={20} />
      </Form.Item>
    </>
  );
}
