import { useState } from 'react';
import { Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMessages } from '../../lib/i18n.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { getRegion, listRegions } from './api.ts';
import { regionMessages } from './messages.ts';

interface Props {
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  id?: string;
  allowClear?: boolean;
  placeholder?: string;
}

/** Region picker that searches the region tree by name or code as you type; the value is the 12-digit code. */
export function RegionSelect({ value, onChange, id, allowClear, placeholder }: Props) {
  const t = useMessages(regionMessages);
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const results = useQuery({
    queryKey: ['regions', 'pick', q],
    queryFn: ({ signal }) => listRegions({ q, pageSize: 20 }, signal),
    enabled: q.length > 0,
  });
  // The current value may not be among the results (a default, or the search moved on): name it anyway.
  const current = useQuery({
    queryKey: ['region', value],
    queryFn: ({ signal }) => getRegion(value!, signal),
    enabled: Boolean(value && /^\d{12}$/.test(value)),
  });

  const options = (results.data?.items ?? []).map((r) => ({
    value: r.code,
    label: (
      <div>
        <div>
          {r.name} <Typography.Text type="secondary">{r.code}</Typography.Text>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.path}
        </Typography.Text>
      </div>
    ),
    title: r.path,
  }));
  const cur = current.data;
  if (cur && !options.some((o) => o.value === cur.code)) {
    const path = [...cur.ancestors.map((a) => a.name), cur.name].join(' / ');
    options.unshift({ value: cur.code, label: <span>{path}</span>, title: path });
  }

  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      placeholder={placeholder ?? t.searchRegion}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      optionLabelProp="title"
      notFoundContent={results.isFetching ? <Spin size="small" /> : q ? t.noResults : t.searchRegion}
      style={{ width: '100%' }}
    />
  );
}
