import { Alert, Button } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { fmt, useMessages } from '../../lib/i18n.tsx';
import { verifyAudit } from './api.ts';
import { auditMessages } from './messages.ts';

/** Recomputes the hash chain on the server and reports the outcome (or the first broken record). */
export function useVerifyChain() {
  return useMutation({ mutationFn: verifyAudit });
}

export function VerifyChainButton({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  const t = useMessages(auditMessages);
  return (
    <Button
      icon={<SafetyCertificateOutlined aria-hidden />}
      loading={verify.isPending}
      onClick={() => verify.mutate()}
    >
      {t.verify}
    </Button>
  );
}

export function VerifyChainResult({ verify }: { verify: ReturnType<typeof useVerifyChain> }) {
  const t = useMessages(auditMessages);
  if (verify.isError)
    return <Alert type="error" showIcon title={verify.error.message} closable={{ onClose: verify.reset }} />;
  const r = verify.data;
  if (!r) return null;
  return (
    <Alert
      data-testid="verify-result"
      type={r.ok ? 'success' : 'error'}
      showIcon
      title={r.ok ? t.verifyTitleOk : t.verifyTitleBroken}
      description={
        r.ok
          ? fmt(t.verifyOk, { n: r.checked })
          : fmt(t.verifyBroken, { id: `#${r.firstBrokenId}`, n: r.checked })
      }
      closable={{ onClose: verify.reset }}
    />
  );
}
