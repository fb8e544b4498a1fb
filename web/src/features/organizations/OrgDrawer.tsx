import type { ReactNode } from 'react';
import { Drawer, Grid, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getOrganization } from './api.ts';
import { OrgDescriptions } from './OrgDescriptions.tsx';
import { orgAdminMessages } from './review.messages.ts';

/** One organization's details in a side panel (full width on phones), with the caller's actions below. */
export function OrgDrawer({
  id,
  onClose,
  footer,
}: {
  id: string | null;
  onClose: () => void;
  footer?: ReactNode;
}) {
  const t = useMessages(orgAdminMessages);
  const mobile = Grid.useBreakpoint().md === false;
  const q = useQuery({
    queryKey: ['organization', id],
    queryFn: ({ signal }) => getOrganization(id!, signal),
    enabled: Boolean(id),
  });
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={q.data?.name ?? t.detailTitle}
      size={mobile ? '100%' : 560}
      footer={footer}
    >
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data ? (
        <OrgDescriptions org={q.data} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}
