import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../../lib/i18n.tsx';
import { useDebounced } from '../../../lib/useDebounced.ts';
import { useCurrentUser } from '../../auth/session.ts';
import { getOrganizationTree, listOrganizations } from '../../organizations/api.ts';
import { activityFormMessages } from './form.messages.ts';

interface Props {
  orgId: string;
  known: { id: string; name: string }[];
  value?: string[];
  onChange?: (ids: string[]) => void;
  id?: string;
}

/**
 * Teams that may sign up: the organizer's own sub-teams and the teams the user administers; region
 * administrators also find any approved organization of their area by name.
 */
export function TeamSelect({ orgId, known, value, onChange, id }: Props) {
  const f = useMessages(activityFormMessages);
  const me = useCurrentUser();
  const regional = me.roles.some((r) => r.role === 'region_admin');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const tree = useQuery({
    queryKey: ['organization', orgId, 'tree'],
    queryFn: ({ signal }) => getOrganizationTree(orgId, signal),
    retry: false,
  });
  const found = useQuery({
    queryKey: ['organizations', { q, status: 'approved' }, 1, 20],
    queryFn: ({ signal }) => listOrganizations({ q: q || undefined, status: 'approved' }, 1, 20, signal),
    enabled: regional,
  });
  const options = new Map<string, string>();
  for (const k of known) options.set(k.id, k.name);
  for (const n of tree.data?.items ?? []) if (n.status === 'approved') options.set(n.id, n.name);
  for (const r of me.roles)
    if (r.role === 'org_admin' && r.scopeType === 'organization') options.set(r.scopeId, r.scopeName);
  for (const o of found.data?.items ?? []) options.set(o.id, `${o.name} · ${o.regionName}`);

  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      placeholder={f.designatedOrgsPlaceholder}
      maxCount={50}
      showSearch={regional ? { filterOption: false, onSearch: setSearch } : { optionFilterProp: 'label' }}
      notFoundContent={found.isFetching || tree.isFetching ? <Spin size="small" /> : undefined}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
      data-testid="team-select"
    />
  );
}
