import { Select } from 'antd';
import { CATEGORY_NAMES, SERVICE_CATEGORIES, type ServiceCategory } from '@yiqi/shared/categories';
import { useMessages, useText } from '../../lib/i18n.tsx';
import { commonMessages } from './messages.ts';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  max?: number;
}

/** Multi-select of the national service categories, named in the current language. */
export function CategorySelect({ id, value, onChange, max }: Props) {
  const t = useMessages(commonMessages);
  const text = useText();
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t.chooseCategories}
      maxCount={max}
      optionFilterProp="label"
      options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: text(CATEGORY_NAMES[c]) }))}
      style={{ width: '100%' }}
    />
  );
}

/** One category filter (or none), for list filters. */
export function CategoryFilter({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string | undefined;
  onChange: (v: string | undefined) => void;
}) {
  const t = useMessages(commonMessages);
  const text = useText();
  return (
    <Select
      id={id}
      value={value}
      onChange={(v?: string) => onChange(v)}
      allowClear
      placeholder={t.categories}
      showSearch={{ optionFilterProp: 'label' }}
      options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: text(CATEGORY_NAMES[c]) }))}
      style={{ minWidth: 160 }}
    />
  );
}

/** The name of a category code, for the console pages that import it from here. */
export { useCategoryName } from './categoryName.ts';
