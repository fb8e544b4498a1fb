import { useState } from 'react';
import { App, Button, Card, Flex, Form, Select, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useMessages, useText } from '../../lib/i18n.tsx';
import { CategorySelect } from '../common/CategorySelect.tsx';
import { commonMessages } from '../common/messages.ts';
import { RegionMultiPicker } from '../regions/RegionMultiPicker.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { Loading } from '../shell/Loading.tsx';
import {
  MY_VOLUNTEER_KEY,
  updateMyVolunteer,
  type ProfilePatchInput,
  type Slot,
  type VolunteerView,
} from './api.ts';
import { AvailabilityField } from './AvailabilityField.tsx';
import { editMessages } from './edit.messages.ts';
import { EmergencyContactField } from './EmergencyContactField.tsx';
import { GuardianFields, toGuardianInput, type GuardianValues } from './GuardianFields.tsx';
import { LANGUAGE_NAMES } from './languages.ts';
import { volunteerMessages } from './messages.ts';
import { NoRecord } from './NoRecord.tsx';
import { useMyVolunteer } from './useMyVolunteer.ts';

interface Values {
  categories: string[];
  skills: string[];
  serviceRegions: string[];
  availability: Slot[];
  languages: string[];
  contact?: { name?: string; phone?: string };
  guardian?: GuardianValues;
}

/**
 * /m/profile/edit — what the volunteer offers, the emergency contact and (for minors) the guardian.
 * Qualifications are not edited here: they are records with evidence (the profile page links to the claim).
 */
export default function ProfileEditPage() {
  const q = useMyVolunteer();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <NoRecord />;
  return <EditForm v={q.data} />;
}

function EditForm({ v }: { v: VolunteerView }) {
  const t = useMessages(editMessages);
  const m = useMessages(volunteerMessages);
  const c = useMessages(commonMessages);
  const text = useText();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [removing, setRemoving] = useState(false);
  const needsGuardian = v.signUpBlockers.includes('guardian_consent_required');

  const save = useMutation({
    mutationFn: updateMyVolunteer,
    onSuccess: (next) => {
      qc.setQueryData(MY_VOLUNTEER_KEY, next);
      void message.success(t.saved);
      navigate('/m/profile');
    },
    onError: (e) => void message.error(e.message),
  });

  const submit = (x: Values) => {
    const patch: ProfilePatchInput = {
      categories: x.categories as ProfilePatchInput['categories'],
      skills: x.skills.map((s) => s.trim()).filter(Boolean),
      serviceRegions: x.serviceRegions,
      availability: x.availability,
      languages: x.languages,
    };
    if (removing) patch.emergencyContact = null;
    else if (x.contact?.name?.trim() && x.contact.phone?.trim())
      patch.emergencyContact = { name: x.contact.name.trim(), phone: x.contact.phone.trim() };
    if (needsGuardian && x.guardian) patch.guardian = toGuardianInput(x.guardian, (v.age ?? 18) < 14);
    save.mutate(patch);
  };

  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={4}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined aria-hidden />}
          aria-label={c.back}
          onClick={() => navigate('/m/profile')}
        />
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
      </Flex>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={save.isPending}
        scrollToFirstError
        onFinish={submit}
        initialValues={{
          categories: v.categories,
          skills: v.skills,
          serviceRegions: v.serviceRegions,
          availability: v.availability,
          languages: v.languages,
        }}
      >
        <Flex vertical gap={12}>
          {needsGuardian && (
            <Card size="small" id="guardian">
              <Typography.Paragraph type="secondary">{t.guardianHint}</Typography.Paragraph>
              <GuardianFields age={v.age ?? 17} />
            </Card>
          )}
          <Card size="small" title={m.service}>
            <Form.Item name="categories" label={c.categories}>
              <CategorySelect />
            </Form.Item>
            <Form.Item name="skills" label={m.skills}>
              <Select
                mode="tags"
                tokenSeparators={[',', '，', '、']}
                maxCount={30}
                placeholder={t.skillsPlaceholder}
                open={false}
                suffixIcon={null}
              />
            </Form.Item>
            <Form.Item name="languages" label={m.languages}>
              <Select
                mode="multiple"
                maxCount={10}
                placeholder={t.languagesPlaceholder}
                optionFilterProp="label"
                options={Object.entries(LANGUAGE_NAMES).map(([value, name]) => ({
                  value,
                  label: text(name),
                }))}
              />
            </Form.Item>
            <Form.Item name="serviceRegions" label={m.serviceRegions}>
              <RegionMultiPicker />
            </Form.Item>
          </Card>
          <Card size="small" title={m.availability}>
            <AvailabilityField />
          </Card>
          <Card size="small" title={m.emergencyContact}>
            <EmergencyContactField
              current={v.emergencyContact}
              removing={removing}
              onRemoving={setRemoving}
            />
          </Card>
          <Flex gap={8}>
            <Button size="large" style={{ flex: 1 }} onClick={() => navigate('/m/profile')}>
              {c.cancel}
            </Button>
            <Button
              size="large"
              type="primary"
              htmlType="submit"
              loading={save.isPending}
              style={{ flex: 2 }}
              data-testid="save-profile"
            >
              {c.save}
            </Button>
          </Flex>
        </Flex>
      </Form>
    </Flex>
  );
}
