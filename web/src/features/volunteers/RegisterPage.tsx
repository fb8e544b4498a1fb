import { useState } from 'react';
import { App, Button, Checkbox, Flex, Form, Steps, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useSearchParams } from 'react-router';
import type { DocumentType } from '@yiqi/shared/identity/documents';
import { maskPhone } from '@yiqi/shared/identity/mask';
import { isApiError } from '../../lib/api.ts';
import { safeNext } from '../../lib/format.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { forgetAllButMe, ME_KEY } from '../../lib/query.ts';
import { AuthCard } from '../auth/AuthCard.tsx';
import { CodeStep, FormError } from '../auth/CodeStep.tsx';
import { authMessages } from '../auth/messages.ts';
import { signedIn, useMe } from '../auth/session.ts';
import { Loading } from '../shell/Loading.tsx';
import { MY_VOLUNTEER_KEY, registerVolunteer, type RegisterInput } from './api.ts';
import { ConsentFields } from './ConsentFields.tsx';
import { AccountFields } from './AccountFields.tsx';
import { GuardianFields, toGuardianInput, type GuardianValues } from './GuardianFields.tsx';
import { IdentityFields, useIdentity, type IdentityValues } from './IdentityFields.tsx';
import { PRIVACY_NOTICE_VERSION } from './privacy.ts';
import { registerMessages } from './register.messages.ts';

type Values = IdentityValues & {
  phone: string;
  password: string;
  phoneCode?: string;
  guardian?: GuardianValues;
  guardianLater?: boolean;
};

/** Errors about the real-name step send the user back there; a weak password to the first step. */
const IDENTITY_ERRORS = /^(DOCUMENT_|BIRTH_DATE|MINOR_|GUARDIAN_|REGION_)/;

/**
 * /m/register — public: phone and password, real-name details, consents; then the code texted to the phone
 * (the server answers the same whether or not the person is already on record), then signed in.
 */
export default function RegisterPage() {
  const t = useMessages(registerMessages);
  const a = useMessages(authMessages);
  const me = useMe();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [form] = Form.useForm<Values>();
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const id = useIdentity(form);
  const minor = id.age !== undefined && id.age < 18;
  const under14 = id.age !== undefined && id.age < 14;
  const later = Form.useWatch('guardianLater', { form, preserve: true }) as boolean | undefined;
  const withGuardian = minor && (under14 || !later);

  const mutation = useMutation({
    mutationFn: registerVolunteer,
    onMutate: () => setError(null),
    onSuccess: (res) => {
      if ('codeSent' in res) {
        // A code is on its way (or, for someone already on record, to the phone on record instead).
        form.setFieldValue('phoneCode', '');
        setStep(3);
        return;
      }
      forgetAllButMe(qc);
      signedIn();
      qc.setQueryData(MY_VOLUNTEER_KEY, res.volunteer);
      qc.setQueryData(ME_KEY, res.me);
      setDone(true);
      void message.success(t.welcome);
    },
    onError: (e) => {
      setError(e.message);
      if (isApiError(e, 'OTP_INVALID')) form.setFieldValue('phoneCode', '');
      else if (isApiError(e, 'WEAK_PASSWORD')) setStep(0);
      else if (isApiError(e) && IDENTITY_ERRORS.test(e.code)) setStep(1);
    },
  });

  if (done) return <Navigate to={next === '/' ? '/m/profile' : next} replace />;
  if (me.isPending) return <Loading fullScreen />;
  if (me.data) return <Navigate to={next === '/' ? '/m/profile' : next} replace />;

  const submit = () => {
    const v = form.getFieldsValue(true) as Values;
    const body: RegisterInput = {
      phone: v.phone.trim(),
      password: v.password,
      name: v.name.trim(),
      docType: v.docType,
      docNumber: v.docNumber.replace(/\s+/g, '').toUpperCase(),
      regionCode: v.regionCode,
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
      sensitiveConsent: true,
      ...(id.needsBirth && v.birthDate ? { birthDate: v.birthDate.format('YYYY-MM-DD') } : {}),
      ...(id.needsBirth && v.gender ? { gender: v.gender } : {}),
      ...(withGuardian && v.guardian ? { guardian: toGuardianInput(v.guardian, under14) } : {}),
      ...(step === 3 && v.phoneCode ? { phoneCode: v.phoneCode.trim() } : {}),
    };
    mutation.mutate(body);
  };
  const forward = async () => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    if (step < 2) setStep(step + 1);
    else submit();
  };

  return (
    <AuthCard title={t.title} width={520}>
      <Steps
        size="small"
        current={step}
        responsive={false}
        titlePlacement="vertical"
        items={[
          { title: t.stepAccount },
          { title: t.stepIdentity },
          { title: t.stepConsent },
          { title: t.stepCode },
        ]}
        style={{ marginBottom: 24 }}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ docType: 'mainland_id' as DocumentType }}
        disabled={mutation.isPending}
        onFinish={() => void forward()}
        scrollToFirstError
      >
        {step === 0 && <AccountFields />}
        {step === 1 && (
          <>
            <IdentityFields form={form} />
            {minor && !under14 && (
              <Form.Item name="guardianLater" valuePropName="checked">
                <Checkbox>{t.guardianLater}</Checkbox>
              </Form.Item>
            )}
            {withGuardian && <GuardianFields age={id.age!} />}
          </>
        )}
        {step === 2 && <ConsentFields form={form} />}
        {step === 3 && (
          <>
            <CodeStep
              name="phoneCode"
              label={t.code}
              required={t.codeRequired}
              sent={t.codeSent.replace('{phone}', maskPhone(form.getFieldValue('phone') ?? ''))}
              description={
                <>
                  {t.alreadyOnRecord} <Link to="/claim">{t.claimLink}</Link>
                </>
              }
              sentTestId="register-code-sent"
              inputTestId="register-code"
            />
          </>
        )}
        <FormError error={error} testId="register-error" />
        <Flex gap={8}>
          {step > 0 && (
            <Button size="large" onClick={() => setStep(step - 1)} style={{ flex: 1 }}>
              {t.prev}
            </Button>
          )}
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            loading={mutation.isPending}
            style={{ flex: 2 }}
            data-testid="register-next"
          >
            {step < 2 ? t.next : step === 2 ? t.submit : t.verify}
          </Button>
        </Flex>
      </Form>
      <Typography.Paragraph style={{ textAlign: 'center', margin: '16px 0 0' }}>
        {t.haveAccount}{' '}
        <Link to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`}>{t.signIn}</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
