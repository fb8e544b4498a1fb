import { useEffect, useState } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { VERIFICATION_STATUSES } from '@yiqi/shared/contracts/volunteers';
import { useMessages } from '../../../lib/i18n.tsx';
import { CategoryFilter } from '../../common/CategorySelect.tsx';
import { commonMessages } from '../../common/messages.ts';
import { RegionSelect } from '../../regions/RegionSelect.tsx';
import { volunteerMessages } from '../messages.ts';
import type { Verification, VolunteerFilter } from './api.ts';
import { staffMessages } from './messages.ts';

/** Search and filters of the volunteer list; choices apply at once, the search box on Enter. */
export function VolunteerFilters({
  value,
  onChange,
}: {
  value: VolunteerFilter;
  onChange: (f: VolunteerFilter) => void;
}) {
  const t = useMessages(staffMessages);
  const v = useMessages(volunteerMessages);
  const c = useMessages(commonMessages);
  const [q, setQ] = useState(value.q ?? '');
  useEffect(() => setQ(value.q ?? ''), [value.q]);
  const set = (patch: Partial<VolunteerFilter>) => onChange({ ...value, ...patch });
  return (
    <Flex wrap gap={8}>
      <Input.Search
        allowClear
        value={q}
        maxLength={50}
        placeholder={t.searchPlaceholder}
        aria-label={t.searchPlaceholder}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(s) => set({ q: s.trim() || undefined })}
        style={{ width: 340, maxWidth: '100%' }}
        data-testid="volunteer-search"
      />
      <Select
        allowClear
        aria-label={t.allVerification}
        placeholder={t.allVerification}
        value={value.verification}
        onChange={(verification?: Verification) => set({ verification })}
        options={VERIFICATION_STATUSES.map((s) => ({ value: s, label: v[s] }))}
        style={{ width: 160 }}
      />
      <CategoryFilter value={value.category} onChange={(category) => set({ category })} />
      <div style={{ width: 240, maxWidth: '100%' }}>
        <RegionSelect
          allowClear
          placeholder={t.region}
          value={value.region}
          onChange={(region) => set({ region })}
        />
      </div>
      <Button onClick={() => onChange({})}>{c.reset}</Button>
    </Flex>
  );
}
