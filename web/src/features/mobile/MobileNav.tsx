import { Button, Dropdown, Flex } from 'antd';
import { EllipsisOutlined } from '@ant-design/icons';
import { NavLink, useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { mobileMessages } from './messages.ts';
import { useTabs } from './tabs.tsx';

export const ACCENT = '#d4380d';
export const BAR = 60;

/** The header links of the volunteer area on wider screens. */
export function TopNav() {
  const t = useMessages(mobileMessages);
  const tabs = useTabs('bar');
  return (
    <nav aria-label={t.nav}>
      <Flex gap={4}>
        {tabs.map((tab) => (
          <NavLink
            key={tab.path}
            to={tab.path}
            style={({ isActive }) => ({
              padding: '6px 10px',
              borderRadius: 6,
              color: isActive ? ACCENT : 'rgba(0,0,0,0.75)',
              background: isActive ? '#fff2e8' : 'transparent',
              fontWeight: isActive ? 600 : 400,
              display: 'flex',
              gap: 6,
              alignItems: 'center',
              whiteSpace: 'nowrap',
            })}
          >
            {tab.icon}
            {tab.label(t)}
          </NavLink>
        ))}
      </Flex>
    </nav>
  );
}

/** The tab bar fixed to the bottom of a phone's screen (above the home indicator). */
export function TabBar() {
  const t = useMessages(mobileMessages);
  const tabs = useTabs('bar');
  return (
    <nav
      aria-label={t.nav}
      style={{
        position: 'fixed',
        insetInline: 0,
        bottom: 0,
        zIndex: 20,
        background: '#fff',
        borderTop: '1px solid #f0f0f0',
        paddingBottom: 'env(safe-area-inset-bottom)',
        display: 'flex',
      }}
    >
      {tabs.map((tab) => (
        <NavLink
          key={tab.path}
          to={tab.path}
          data-testid={`tab-${tab.path.split('/').pop()}`}
          style={({ isActive }) => ({
            flex: 1,
            minWidth: 0,
            height: BAR,
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            justifyContent: 'center',
            gap: 2,
            fontSize: 12,
            lineHeight: 1.2,
            textAlign: 'center',
            color: isActive ? ACCENT : 'rgba(0,0,0,0.55)',
            fontWeight: isActive ? 600 : 400,
          })}
        >
          <span style={{ fontSize: 20, lineHeight: 1 }}>{tab.icon}</span>
          {tab.label(t)}
        </NavLink>
      ))}
    </nav>
  );
}

/** The sections used now and then (verification, account), behind a "more" button in the header. */
export function MoreMenu() {
  const t = useMessages(mobileMessages);
  const more = useTabs('more');
  const navigate = useNavigate();
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items: more.map((m) => ({
          key: m.path,
          icon: m.icon,
          label: <span data-testid={`tab-${m.path.split('/').pop()}`}>{m.label(t)}</span>,
        })),
        onClick: ({ key }) => navigate(key),
      }}
    >
      <Button
        type="text"
        icon={<EllipsisOutlined aria-hidden />}
        aria-label={t.more}
        data-testid="mobile-more"
      />
    </Dropdown>
  );
}
