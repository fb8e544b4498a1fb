import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { ORG_STATUSES, ORG_STATUS_NAMES, ORG_TYPES } from '@yiqi/shared/contracts/organizations';
import { useMessages, useText } from '../../lib/i18n.tsx';
import { CategoryFilter } from '../common/CategorySelect.tsx';
import { commonMessages } from '../common/messages.ts';
import { RegionSelect } from '../regions/RegionSelect.tsx';
import type { OrgFilter } from './api.ts';
import { orgAdminMessages } from './review.messages.ts';
import { useOrgTypeName } from './tags.tsx';

/** The organization list's filters; each change applies at once (text on Enter). */
export function OrgFilters({ value, onChange }: { value: OrgFilter; onChange: (f: OrgFilter) => void }) {
  const t = useMessages(orgAdminMessages);
  const c = useMessages(commonMessages);
  const text = useText();
  const typeName = useOrgTypeName();
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const set = (patch: Partial<OrgFilter>) => onChange({ ...value, ...patch });
  return (
    <Flex wrap gap={8}>
      <Input.Search
        allowClear
        value={q}
        maxLength={60}
        placeholder={t.searchPlaceholder}
        aria-label={t.searchPlaceholder}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => set({ q: v.trim() || undefined })}
        style={{ width: 260, maxWidth: '100%' }}
      />
      <Select
        allowClear
        aria-label={t.allStatuses}
        placeholder={t.allStatuses}
        value={value.status}
        onChange={(status?: OrgFilter['status']) => set({ status })}
        options={ORG_STATUSES.map((s) => ({ value: s, label: text(ORG_STATUS_NAMES[s]) }))}
        style={{ width: 130 }}
      />
      <Select
        allowClear
        aria-label={t.allTypes}
        placeholder={t.allTypes}
        value={value.orgType}
        onChange={(orgType?: OrgFilter['orgType']) => set({ orgType })}
        options={ORG_TYPES.map((o) => ({ value: o, label: typeName(o) }))}
        style={{ width: 170 }}
      />
      <CategoryFilter value={value.category} onChange={(category) => set({ category })} />
      <div style={{ width: 240, maxWidth: '100%' }}>
        <RegionSelect
          allowClear
          placeholder={t.regionFilter}
          value={value.region}
          onChange={(region) => set({ region })}
        />
      </div>
      <Button onClick={() => onChange({})}>{c.reset}</Button>
    </Flex>
  );
}
