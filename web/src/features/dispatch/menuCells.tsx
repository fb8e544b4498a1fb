import { Tag } from 'antd';
import { fmt } from '../../lib/i18n.tsx';
import type { MenuItemViewT } from './api.ts';
import type { MenuItemStatus } from './menuApi.ts';
import type { menuMessages } from './menuMessages.ts';

type Text = (typeof menuMessages)['zh-CN'];
const STATUS_COLOR: Record<MenuItemStatus, string> = {
  approved: 'green',
  proposed: 'gold',
  refused: 'red',
  withdrawn: 'default',
};

/** A menu item's status (在用, 待审核, 未通过, 已下架). */
export const statusTag = (t: Text, s: string) => (
  <Tag color={STATUS_COLOR[s as MenuItemStatus]}>{t[s as MenuItemStatus] ?? s}</Tag>
);
/** The stage timers in one short line (审1 派1 接1 报1 访1). */
export const daysText = (t: Text, i: MenuItemViewT) =>
  fmt(t.daysShort, {
    r: i.reviewDays,
    d: i.dispatchDays,
    a: i.acceptDays,
    e: i.escalateDays,
    f: i.followUpDays,
  });
export const teamsText = (t: Text, i: MenuItemViewT) => i.teams.map((x) => x.name).join('、') || t.noTeams;
