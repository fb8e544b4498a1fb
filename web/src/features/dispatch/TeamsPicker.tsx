import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../lib/useDebounced.ts';
import { getEligibleTeams } from './menuApi.ts';

/**
 * The teams a unit may name on an item (or a village on its offer), found by name: approved teams of the
 * unit's area and those registered above it (a city-level organization's team), exactly what the server
 * accepts (`GET /api/dispatch/eligible-teams`, decision 0074). The item's current teams stay named even
 * when the search does not find them. A form control (`value`/`onChange` from Form.Item).
 */
export function TeamsPicker({
  id,
  value,
  onChange,
  region,
  known = [],
  testId,
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  /** The unit whose items the teams will deliver. */
  region: string;
  known?: { id: string; name: string }[];
  testId?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const found = useQuery({
    queryKey: ['dispatch-eligible-teams', region, q],
    queryFn: ({ signal }) => getEligibleTeams(region, q, signal),
  });
  const [names, setNames] = useState(() => new Map(known.map((k) => [k.id, k.name])));
  const options = new Map(names);
  for (const o of found.data?.items ?? []) options.set(o.id, `${o.name}（${o.regionName}）`);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={(v: string[]) => {
        // Keep the names of the chosen teams once the search moves on.
        setNames(new Map([...names, ...v.map((x) => [x, options.get(x) ?? x] as [string, string])]));
        onChange?.(v);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={found.isFetching ? <Spin size="small" /> : undefined}
      options={[...options].map(([v, label]) => ({ value: v, label }))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
