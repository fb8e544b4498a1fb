import type { ReactNode } from 'react';
import { Card, Collapse, Grid } from 'antd';
import { FilterOutlined } from '@ant-design/icons';
import { useMessages } from '../../lib/i18n.tsx';
import { commonMessages } from './messages.ts';

/** A list's filters: a card on wide screens; on phones folded away (with the number in use) so rows come first. */
export function FilterPanel({ active, children }: { active: number; children: ReactNode }) {
  const t = useMessages(commonMessages);
  const narrow = Grid.useBreakpoint().md === false;
  if (!narrow) return <Card>{children}</Card>;
  return (
    <Collapse
      defaultActiveKey={active ? ['filters'] : []}
      items={[
        {
          key: 'filters',
          label: (
            <span>
              <FilterOutlined aria-hidden /> {t.filters}
              {active ? ` (${active})` : ''}
            </span>
          ),
          children,
        },
      ]}
      style={{ background: '#fff' }}
    />
  );
}
