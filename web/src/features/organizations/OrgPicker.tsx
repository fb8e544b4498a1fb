import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useCurrentUser } from '../auth/session.ts';
import { getOrganization, listOrganizations } from './api.ts';

interface Props {
  id?: string;
  value?: string | undefined;
  /** Called with undefined when cleared (with `allowClear`). */
  onChange: (id: string) => void;
  placeholder: string;
  searchPlaceholder?: string;
  /** Organizations not to offer (e.g. the one being dissolved, as its own successor). */
  exclude?: readonly string[];
  allowClear?: boolean;
}

/**
 * An organization the user may manage: the ones they administer, and for region administrators any
 * approved organization in their area, found by name.
 */
export function OrgPicker({ id, value, onChange, placeholder, exclude = [], allowClear }: Props) {
  const me = useCurrentUser();
  const mine = me.roles.filter((r) => r.role === 'org_admin' && r.scopeType === 'organization');
  const regional = me.roles.some((r) => r.role === 'region_admin');
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['organizations', { q, status: 'approved' }, 1, 20],
    queryFn: ({ signal }) => listOrganizations({ q: q || undefined, status: 'approved' }, 1, 20, signal),
    enabled: regional,
  });
  // The chosen organization may be neither administered nor among the results: name it anyway.
  const current = useQuery({
    queryKey: ['organization', value],
    queryFn: ({ signal }) => getOrganization(value!, signal),
    enabled: Boolean(value) && !mine.some((m) => m.scopeId === value),
    retry: false,
  });
  const options = new Map<string, string>();
  for (const m of mine) options.set(m.scopeId, m.scopeName);
  for (const o of found.data?.items ?? []) options.set(o.id, `${o.name} · ${o.regionName}`);
  if (value && current.data && !options.has(value)) options.set(value, current.data.name);
  for (const x of exclude) if (x !== value) options.delete(x);

  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      allowClear={allowClear}
      placeholder={placeholder}
      showSearch={regional ? { filterOption: false, onSearch: setSearch } : { optionFilterProp: 'label' }}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: 360, maxWidth: '100%' }}
      data-testid="org-picker"
    />
  );
}
