import { useState } from 'react';
import { App, Button, Card, Flex, Grid, Result, Skeleton, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ERRORS } from '@yiqi/shared/errors';
import { isApiError } from '../../lib/api.ts';
import { fmt, useLocale, useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { MembersPanel } from '../memberships/MembersPanel.tsx';
import { ErrorResult } from '../shell/ErrorResult.tsx';
import { getOrganization } from './api.ts';
import { CopyJoinLink } from './CopyJoinLink.tsx';
import { dissolveMessages } from './dissolve.messages.ts';
import { DissolveModal } from './DissolveModal.tsx';
import { orgMessages } from './messages.ts';
import { OrgDescriptions } from './OrgDescriptions.tsx';
import { OrgTree } from './OrgTree.tsx';
import { UnitContactsForm } from './UnitContactsForm.tsx';
import { ChangeRegistration } from './ChangeRegistration.tsx';
import { orgAdminMessages } from './review.messages.ts';
import { OrgStatusTag } from './tags.tsx';

const TABS = ['info', 'tree', 'members'] as const;

/** /organizations/:id — details, the sub-team tree and the members of one organization. */
export default function OrgDetailPage() {
  const t = useMessages(orgAdminMessages);
  const o = useMessages(orgMessages);
  const d = useMessages(dissolveMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const qc = useQueryClient();
  // Region admins dissolve; the server checks that their scope covers this organization.
  const regional = useCurrentUser().roles.some((r) => r.role === 'region_admin');
  const [dissolving, setDissolving] = useState(false);
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
        <Button
          type="text"
          icon={<ArrowLeftOutlined aria-hidden />}
          aria-label={o.back}
          onClick={() => navigate(-1)}
        />
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="org-name">
          {org?.name ?? t.detailTitle}
        </Typography.Title>
        {org && <OrgStatusTag status={org.status} />}
        {org?.successorId && (
          <Link to={`/organizations/${org.successorId}`}>
            {fmt(d.successorShort, { name: org.successorName ?? '' })}
          </Link>
        )}
        <div style={{ flex: 1 }} />
        {org?.status === 'approved' && <CopyJoinLink id={org.id} name={org.name} />}
        {org?.status === 'approved' && regional && (
          <Button
            danger
            icon={<StopOutlined aria-hidden />}
            onClick={() => setDissolving(true)}
            data-testid="dissolve"
          >
            {d.action}
          </Button>
        )}
      </Flex>
      <Card>
        {!org ? (
          <Skeleton active />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams(k === 'info' ? {} : { tab: k }, { replace: true })}
            items={[
              {
                key: 'info',
                label: t.info,
                children: (
                  <>
                    <OrgDescriptions org={org} column={wide ? 2 : 1} />
                    {org.status !== 'dissolved' && <UnitContactsForm key={org.id} org={org} />}
                    {org.status === 'approved' && <ChangeRegistration key={`c-${org.id}`} org={org} />}
                  </>
                ),
              },
              { key: 'tree', label: t.tree, children: <OrgTree id={org.id} /> },
              ...(org.status === 'approved'
                ? [{ key: 'members', label: t.members, children: <MembersPanel orgId={org.id} /> }]
                : []),
            ]}
          />
        )}
      </Card>
      <DissolveModal
        org={dissolving ? (org ?? null) : null}
        onDone={(r) => {
          const n = r.movedCertificates;
          void message.success(
            r.issuerOrgName ? fmt(d.done, { n, issuer: r.issuerOrgName }) : fmt(d.doneRegion, { n }),
          );
          void qc.invalidateQueries({ queryKey: ['organization', id] });
          void qc.invalidateQueries({ queryKey: ['organizations'] });
        }}
        onClose={() => setDissolving(false)}
      />
    </Flex>
  );
}
