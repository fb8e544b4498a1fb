import { useState } from 'react';
import { App, Button, Form, Input, Segmented, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { DOCUMENT_NAMES, DOCUMENT_TYPES, type DocumentType } from '@yiqi/shared/identity/documents';
import { isApiError } from '../../lib/api.ts';
import { useMessages, useText } from '../../lib/i18n.tsx';
import { forgetAllButMe, ME_KEY } from '../../lib/query.ts';
import { confirmClaim, requestClaimCode, type ClaimIdentifier } from './api.ts';
import { AuthCard } from './AuthCard.tsx';
import { CodeStep, FormError, ResendOrBack } from './CodeStep.tsx';
import { PasswordPair } from './PasswordPair.tsx';
import { recoveryMessages } from './recovery.messages.ts';
import { signedIn } from './session.ts';

interface Values {
  docType: DocumentType;
  docNumber?: string;
  phone?: string;
  code: string;
  username: string;
  password: string;
}

/**
 * /claim — 首次登录: a person registered on their behalf (an organization's form or a roster import) names
 * their document or phone, gets a code on the phone on record, and chooses a user name and password; the
 * new account is linked to their record and signed in. The page never says whether the person is on record.
 */
export default function ClaimPage() {
  const t = useMessages(recoveryMessages);
  const text = useText();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [by, setBy] = useState<'document' | 'phone'>('document');
  const [sentFor, setSentFor] = useState<ClaimIdentifier | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const identifier = (v: Values): ClaimIdentifier =>
    by === 'phone'
      ? { phone: v.phone!.trim() }
      : { docType: v.docType, docNumber: v.docNumber!.replace(/\s+/g, '').toUpperCase() };
  const request = useMutation({
    mutationFn: requestClaimCode,
    onMutate: () => setError(null),
    onSuccess: (_, id) => setSentFor(id),
    onError: (e) => setError(e.message),
  });
  const claim = useMutation({
    mutationFn: (v: Values) =>
      confirmClaim({ ...sentFor!, code: v.code.trim(), username: v.username.trim(), password: v.password }),
    onMutate: () => setError(null),
    onSuccess: (me) => {
      forgetAllButMe(qc);
      signedIn();
      qc.setQueryData(ME_KEY, me);
      void message.success(t.claimed);
      setDone(true);
    },
    onError: (e) => {
      setError(e.message);
      if (isApiError(e, 'OTP_INVALID')) form.setFieldValue('code', '');
    },
  });

  if (done) return <Navigate to="/m/profile" replace />;
  const busy = request.isPending || claim.isPending;

  return (
    <AuthCard title={t.claimTitle} width={460}>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        size="large"
        initialValues={{ docType: 'mainland_id' }}
        disabled={busy}
        onFinish={(v) => (sentFor ? claim.mutate(v) : request.mutate(identifier(v)))}
      >
        {!sentFor ? (
          <>
            <Typography.Paragraph type="secondary">{t.claimIntro}</Typography.Paragraph>
            <Form.Item>
              <Segmented
                block
                value={by}
                onChange={(v) => setBy(v as 'document' | 'phone')}
                options={[
                  { value: 'document', label: t.byDocument },
                  { value: 'phone', label: t.byPhone },
                ]}
                data-testid="claim-by"
              />
            </Form.Item>
            {by === 'document' ? (
              <>
                <Form.Item name="docType" label={t.docType}>
                  <Select
                    options={DOCUMENT_TYPES.map((d) => ({ value: d, label: text(DOCUMENT_NAMES[d]) }))}
                  />
                </Form.Item>
                <Form.Item
                  name="docNumber"
                  label={t.docNumber}
                  rules={[{ required: true, whitespace: true, message: t.docNumberRequired }, { max: 32 }]}
                >
                  <Input autoComplete="off" spellCheck={false} autoFocus data-testid="claim-doc" />
                </Form.Item>
              </>
            ) : (
              <Form.Item
                name="phone"
                label={t.phone}
                rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t.phoneInvalid }]}
              >
                <Input
                  inputMode="tel"
                  autoComplete="tel"
                  maxLength={11}
                  autoFocus
                  data-testid="claim-phone"
                />
              </Form.Item>
            )}
          </>
        ) : (
          <>
            <CodeStep sent={t.codeSentClaim} />
            <Form.Item
              name="username"
              label={t.username}
              extra={t.usernameRule}
              rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, message: t.usernameRule }]}
            >
              <Input
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                data-testid="claim-username"
              />
            </Form.Item>
            <PasswordPair
              name="password"
              label={t.password}
              confirmLabel={t.confirmChosen}
              rule={t.passwordRule}
              mismatch={t.passwordMismatch}
            />
          </>
        )}
        <FormError error={error} testId="recovery-error" />
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="recovery-submit">
          {sentFor ? t.claimSubmit : request.isPending ? t.sending : t.sendCode}
        </Button>
      </Form>
      <ResendOrBack onResend={sentFor ? () => request.mutate(sentFor) : undefined} />
    </AuthCard>
  );
}
