import { Tag } from 'antd';
import {
  ORG_STATUS_NAMES,
  ORG_TYPE_NAMES,
  type OrgStatus,
  type OrgType,
} from '@yiqi/shared/contracts/organizations';
import { useText } from '../../lib/i18n.tsx';

const COLORS: Record<OrgStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  dissolved: 'default',
};

export function OrgStatusTag({ status }: { status: OrgStatus }) {
  const text = useText();
  return (
    <Tag color={COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="org-status">
      {text(ORG_STATUS_NAMES[status])}
    </Tag>
  );
}

export function useOrgTypeName(): (t: OrgType) => string {
  const text = useText();
  return (t) => text(ORG_TYPE_NAMES[t]);
}
