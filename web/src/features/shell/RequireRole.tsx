import type { ReactNode } from 'react';
import { Result } from 'antd';
import type { Role } from '@yiqi/shared/roles';
import { useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { shellMessages } from './messages.ts';
import { hasAnyRole } from './access.ts';

/** Shows a page only to holders of the roles; the API checks again, this only saves a pointless trip. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const t = useMessages(shellMessages);
  const me = useCurrentUser();
  if (!hasAnyRole(me, roles))
    return <Result status="403" title={t.forbiddenTitle} subTitle={t.forbiddenBody} />;
  return children;
}
