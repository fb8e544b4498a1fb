import type { Text } from '@yiqi/shared/i18n';

/** Timeline entries (dispatch_hops.action) in the reader's language. */
export const HOP_NAMES: Record<string, Text> = {
  order: { 'zh-CN': '群众点单', 'zh-HK': '群眾點單', en: 'Ordered' },
  proxy_order: { 'zh-CN': '代点单', 'zh-HK': '代點單', en: 'Ordered on behalf' },
  reject: { 'zh-CN': '拒绝', 'zh-HK': '拒絕', en: 'Rejected' },
  merge: { 'zh-CN': '合并', 'zh-HK': '合併', en: 'Merged' },
  make_work_order: { 'zh-CN': '制单', 'zh-HK': '製單', en: 'Work order made' },
  dispatch_unit: { 'zh-CN': '派往下级单位', 'zh-HK': '派往下級單位', en: 'Dispatched to a unit' },
  dispatch_team: { 'zh-CN': '派给队伍', 'zh-HK': '派給隊伍', en: 'Offered to a team' },
  open_grab: { 'zh-CN': '开放抢单', 'zh-HK': '開放搶單', en: 'Opened to grab' },
  accept: { 'zh-CN': '接单', 'zh-HK': '接單', en: 'Accepted' },
  decline: { 'zh-CN': '婉拒', 'zh-HK': '婉拒', en: 'Declined' },
  claim: { 'zh-CN': '抢单成功', 'zh-HK': '搶單成功', en: 'Claimed' },
  timeout: { 'zh-CN': '超时退回', 'zh-HK': '逾時退回', en: 'Timed out, returned' },
  redispatch: { 'zh-CN': '重新派单', 'zh-HK': '重新派單', en: 'Taken back to re-dispatch' },
  cancel: { 'zh-CN': '取消', 'zh-HK': '取消', en: 'Cancelled' },
  complete: { 'zh-CN': '完成结项', 'zh-HK': '完成結項', en: 'Completed' },
  escalate: { 'zh-CN': '升级至上级单位', 'zh-HK': '升級至上級單位', en: 'Escalated to the unit above' },
  open_activity: { 'zh-CN': '开设服务活动', 'zh-HK': '開設服務活動', en: 'Service activity opened' },
  remind: { 'zh-CN': '超时催办', 'zh-HK': '逾時催辦', en: 'Overdue: reminder' },
  rate: { 'zh-CN': '群众评价', 'zh-HK': '群眾評價', en: 'Rated' },
  rate_follow_up: { 'zh-CN': '差评，待回访', 'zh-HK': '差評，待回訪', en: 'Unhappy rating: follow-up' },
};

/** Entries the system makes (timers): shown as by the system, not by a person. */
export const SYSTEM_HOPS = ['remind', 'escalate', 'timeout'];
