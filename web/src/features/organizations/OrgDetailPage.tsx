import { Button, Card, Flex, Grid, Result, Skeleton, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ERRORS } from '@yiqi/shared/errors';
import { isApiError } from '../../lib/api.ts';
import { useLocale, useMessages } from '../../lib/i18n.tsx';
import { MembersPanel } from '../memberships/MembersPanel.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getOrganization } from './api.ts';
import { CopyJoinLink } from './CopyJoinLink.tsx';
import { orgMessages } from './messages.ts';
import { OrgDescriptions } from './OrgDescriptions.tsx';
import { OrgTree } from './OrgTree.tsx';
import { orgAdminMessages } from './review.messages.ts';
import { OrgStatusTag } from './tags.tsx';

const TABS = ['info', 'tree', 'members'] as const;

/** /organizations/:id — details, the sub-team tree and the members of one organization. */
export default function OrgDetailPage() {
  const t = useMessages(orgAdminMessages);
  const o = useMessages(orgMessages);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'info';
  const wide = Grid.useBreakpoint().lg === true;
  const q = useQuery({
    queryKey: ['organization', id],
    queryFn: ({ signal }) => getOrganization(id, signal),
  });

  if (q.isError)
    return isApiError(q.error, 'NOT_FOUND') || isApiError(q.error, 'VALIDATION_FAILED') ? (
      <Result status="404" title={ERRORS.NOT_FOUND.text[locale]} />
    ) : (
      <ErrorResult error={q.error} onRetry={() => void q.refetch()} />
    );
  const org = q.data;

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={8} wrap>
        <Button type="text" icon={<ArrowLeftOutlined />} aria-label={o.back} onClick={() => navigate(-1)} />
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="org-name">
          {org?.name ?? t.detailTitle}
        </Typography.Title>
        {org && <OrgStatusTag status={org.status} />}
        <div style={{ flex: 1 }} />
        {org?.status === 'approved' && <CopyJoinLink id={org.id} name={org.name} />}
      </Flex>
      <Card>
        {!org ? (
          <Skeleton active />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams(k === 'info' ? {} : { tab: k }, { replace: true })}
            items={[
              { key: 'info', label: t.info, children: <OrgDescriptions org={org} column={wide ? 2 : 1} /> },
              { key: 'tree', label: t.tree, children: <OrgTree id={org.id} /> },
              ...(org.status === 'approved'
                ? [{ key: 'members', label: t.members, children: <MembersPanel orgId={org.id} /> }]
                : []),
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}
