import { Descriptions, Typography } from 'antd';
import { Link } from 'react-router';
import { formatTime } from '../../lib/format.ts';
import { useMessages } from '../../lib/i18n.tsx';
import { CategoryTags } from '../common/CategoryTags.tsx';
import { commonMessages } from '../common/messages.ts';
import { RegionName } from '../regions/useRegionPath.tsx';
import type { OrganizationView } from './api.ts';
import { orgMessages } from './messages.ts';
import { dissolveMessages } from './dissolve.messages.ts';
import { orgAdminMessages } from './review.messages.ts';
import { OrgStatusTag, useOrgTypeName } from './tags.tsx';

/** Everything the API tells about one organization (the contact's phone masked). */
export function OrgDescriptions({ org, column = 1 }: { org: OrganizationView; column?: number }) {
  const t = useMessages(orgMessages);
  const r = useMessages(orgAdminMessages);
  const c = useMessages(commonMessages);
  const d = useMessages(dissolveMessages);
  const typeName = useOrgTypeName();
  const none = <Typography.Text type="secondary">{c.none}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={column}
      bordered
      styles={{ label: { width: column > 1 ? 140 : 112 } }}
      items={[
        { key: 'name', label: t.name, children: org.name },
        {
          key: 'type',
          label: t.orgType,
          children: typeName(org.orgType) + (org.levelBody ? ` · ${t.levelBody}` : ''),
        },
        org.orgType === 'unregistered_team'
          ? {
              key: 'host',
              label: t.hostUnit,
              children: org.hostUnit
                ? `${org.hostUnit}${org.hostUnitUscc ? ` · ${org.hostUnitUscc}` : ''}`
                : none,
            }
          : {
              key: 'uscc',
              label: t.uscc,
              children: org.uscc ? <Typography.Text code>{org.uscc}</Typography.Text> : none,
            },
        {
          key: 'parent',
          label: t.parent,
          children: org.parentId ? <Link to={`/organizations/${org.parentId}`}>{org.parentName}</Link> : none,
        },
        { key: 'region', label: t.region, children: <RegionName code={org.regionCode} /> },
        { key: 'address', label: t.address, children: org.address ?? none },
        { key: 'pic', label: t.personInCharge, children: org.personInCharge ?? none },
        { key: 'handler', label: t.handlerName, children: org.handlerName ?? none },
        {
          key: 'contact',
          label: t.contactName,
          children: org.contactName ? `${org.contactName} · ${org.contactPhone ?? ''}` : none,
        },
        { key: 'cat', label: c.categories, children: <CategoryTags codes={org.categories} /> },
        {
          key: 'status',
          label: t.status,
          children: (
            <span>
              <OrgStatusTag status={org.status} />
              {org.reviewReason && <Typography.Text type="danger"> {org.reviewReason}</Typography.Text>}
              {org.reviewedAt && (
                <Typography.Text type="secondary">
                  {' '}
                  · {r.reviewed} {formatTime(org.reviewedAt)}
                </Typography.Text>
              )}
            </span>
          ),
        },
        { key: 'created', label: t.createdAt, children: formatTime(org.createdAt) },
        ...(org.status === 'dissolved'
          ? [
              { key: 'dissolvedAt', label: d.dissolvedAt, children: formatTime(org.dissolvedAt ?? '') },
              { key: 'dissolveReason', label: d.dissolveReason, children: org.dissolveReason },
              {
                key: 'successor',
                label: d.successorLabel,
                children: org.successorId ? (
                  <Link to={`/organizations/${org.successorId}`} data-testid="org-successor">
                    {org.successorName}
                  </Link>
                ) : (
                  <Typography.Text type="secondary">{d.noSuccessor}</Typography.Text>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
