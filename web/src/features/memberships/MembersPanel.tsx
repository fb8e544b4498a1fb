import { useState } from 'react';
import { Button, Flex, Select } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { MEMBERSHIP_STATUSES, MEMBERSHIP_STATUS_NAMES } from '@yiqi/shared/contracts/memberships';
import { useMessages, useText } from '../../lib/i18n.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { listMembers, type MembershipStatus } from './api.ts';
import { InviteModal } from './InviteModal.tsx';
import { memberMessages } from './members.messages.ts';
import { MembersTable } from './MembersTable.tsx';

/** One team's members with a status filter and invitations; used on its own page and the member page. */
export function MembersPanel({ orgId }: { orgId: string }) {
  const t = useMessages(memberMessages);
  const text = useText();
  const [status, setStatus] = useState<MembershipStatus | undefined>();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [inviting, setInviting] = useState(false);
  const q = useQuery({
    queryKey: ['members', orgId, status, page.page, page.pageSize],
    queryFn: ({ signal }) => listMembers(orgId, { status, ...page }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Select
          allowClear
          aria-label={t.status}
          placeholder={t.allStatuses}
          value={status}
          onChange={(s?: MembershipStatus) => {
            setStatus(s);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={MEMBERSHIP_STATUSES.map((s) => ({ value: s, label: text(MEMBERSHIP_STATUS_NAMES[s]) }))}
          style={{ width: 140 }}
          data-testid="member-status-filter"
        />
        <Button icon={<UserAddOutlined aria-hidden />} onClick={() => setInviting(true)}>
          {t.invite}
        </Button>
      </Flex>
      {q.isError ? (
        <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <MembersTable
          orgId={orgId}
          data={q.data}
          loading={q.isFetching}
          onPage={(p, s) => setPage({ page: p, pageSize: s })}
        />
      )}
      <InviteModal orgId={orgId} open={inviting} onClose={() => setInviting(false)} />
    </Flex>
  );
}
