import { useState } from 'react';
import { Empty, Flex, Select, Tabs } from 'antd';
import { useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { PageTitle } from '../common/PageTitle.tsx';
import { AccountsTab } from './AccountsTab.tsx';
import { BookingsTab, GrantsTab } from './AdminTabs.tsx';
import { adminTimebankMessages } from './messages.ts';
import { SchemeTab } from './SchemeTab.tsx';

/** /timebank — a region's time bank: its scheme and menu, grants with a second approval, bookings, statements. */
export default function TimebankAdminPage() {
  const t = useMessages(adminTimebankMessages);
  const me = useCurrentUser();
  const regions = me.roles.filter((g) => g.role === 'region_admin');
  const [region, setRegion] = useState(regions[0]?.scopeId ?? '');
  if (!region) return <Empty description={t.noRegion} />;
  return (
    <Flex vertical gap={12}>
      <PageTitle
        title={t.title}
        extra={
          regions.length > 1 && (
            <Select
              value={region}
              onChange={setRegion}
              style={{ minWidth: 200 }}
              options={regions.map((g) => ({ value: g.scopeId, label: g.scopeName }))}
            />
          )
        }
      />
      <Tabs
        items={[
          { key: 'scheme', label: t.tabScheme, children: <SchemeTab region={region} /> },
          { key: 'grants', label: t.tabGrants, children: <GrantsTab region={region} /> },
          { key: 'bookings', label: t.tabBookings, children: <BookingsTab region={region} /> },
          { key: 'accounts', label: t.tabAccounts, children: <AccountsTab region={region} /> },
        ]}
      />
    </Flex>
  );
}
