import { Menu } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useMessages } from '../../lib/i18n.tsx';
import { useCurrentUser } from '../auth/session.ts';
import { shellMessages } from './messages.ts';
import { hasAnyRole } from './access.ts';
import { useNav } from './nav.tsx';

/** The console's menu: only what the user's roles allow. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useMessages(shellMessages);
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = useNav().filter((n) => hasAnyRole(me, n.roles));
  // The longest entry the address is under: /dispatch/menu is its own entry, not /dispatch's.
  const selected = items
    .filter((n) => pathname === n.path || pathname.startsWith(n.path + '/'))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
  return (
    <Menu
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items.map((n) => ({ key: n.path, icon: n.icon, label: n.label(t) }))}
      onClick={({ key }) => {
        navigate(key);
        onNavigate?.();
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );
}
