import { Space, Tag, Typography } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { useCategoryName } from './categoryName.ts';
import { commonMessages } from './messages.ts';

/** Categories as tags; "not given" when there are none. */
export function CategoryTags({ codes, max }: { codes: string[]; max?: number }) {
  const t = useMessages(commonMessages);
  const name = useCategoryName();
  if (codes.length === 0) return <Typography.Text type="secondary">{t.none}</Typography.Text>;
  const shown = max ? codes.slice(0, max) : codes;
  return (
    <Space size={[4, 4]} wrap>
      {shown.map((c) => (
        <Tag key={c} color="orange" style={{ marginInlineEnd: 0 }}>
          {name(c)}
        </Tag>
      ))}
      {shown.length < codes.length && <Tag>+{codes.length - shown.length}</Tag>}
    </Space>
  );
}
