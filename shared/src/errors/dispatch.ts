import type { Text } from '../i18n.ts';

/** Resident orders and dispatch (issue 13). */
export const DISPATCH_ERRORS = {
  DISPATCH_ORDER_NOT_FOUND: {
    status: 404,
    text: {
      'zh-CN': '服务订单不存在',
      'zh-HK': '服務訂單不存在',
      en: 'The order does not exist',
    },
  },
  DISPATCH_ITEM_NOT_FOUND: {
    status: 404,
    text: {
      'zh-CN': '服务项目不存在或未上架',
      'zh-HK': '服務項目不存在或未上架',
      en: 'The menu item does not exist or is not on the menu',
    },
  },
  DISPATCH_OUTSIDE_AREA: {
    status: 400,
    text: {
      'zh-CN': '地址不在该服务单位的范围内，请选择本社区可用的服务项目',
      'zh-HK': '地址不在該服務單位的範圍內，請選擇本社區可用的服務項目',
      en: 'The address is outside the area of the unit that offers this item; choose an item offered in your community',
    },
  },
  DISPATCH_COMMUNITY_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '请选择到社区（村）一级的地址',
      'zh-HK': '請選擇到社區（村）一級的地址',
      en: 'Choose the address down to the community (village)',
    },
  },
  DISPATCH_PHONE_REQUIRED: {
    status: 403,
    text: {
      'zh-CN': '点单需要已验证手机号的账号，请先用手机号注册或绑定',
      'zh-HK': '點單需要已驗證手機號的賬號，請先用手機號註冊或綁定',
      en: 'Ordering needs an account with a verified phone number',
    },
  },
  DISPATCH_STATE: {
    status: 409,
    text: {
      'zh-CN': '订单当前状态不允许此操作',
      'zh-HK': '訂單當前狀態不允許此操作',
      en: 'The order’s current state does not allow this',
    },
  },
  DISPATCH_NOT_HOLDER: {
    status: 403,
    text: {
      'zh-CN': '订单当前不在您管辖的单位，无法处理',
      'zh-HK': '訂單當前不在您管轄的單位，無法處理',
      en: 'The order is held by a unit outside your scope',
    },
  },
  DISPATCH_TEAM_NOT_ELIGIBLE: {
    status: 400,
    text: {
      'zh-CN': '该团队不在此服务项目的可承接团队之列',
      'zh-HK': '該團隊不在此服務項目的可承接團隊之列',
      en: 'This team is not one of the teams able to deliver this item',
    },
  },
  DISPATCH_UNIT_NOT_BELOW: {
    status: 400,
    text: {
      'zh-CN': '只能派给本单位下级的单位',
      'zh-HK': '只能派給本單位下級的單位',
      en: 'An order can be dispatched only to a unit below the one holding it',
    },
  },
  DISPATCH_ALREADY_CLAIMED: {
    status: 409,
    text: {
      'zh-CN': '该订单已被其他团队抢单',
      'zh-HK': '該訂單已被其他團隊搶單',
      en: 'Another team has already claimed this order',
    },
  },
  DISPATCH_REASON_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '请填写原因',
      'zh-HK': '請填寫原因',
      en: 'A reason is required',
    },
  },
  DISPATCH_ACTIVITY_EXISTS: {
    status: 409,
    text: {
      'zh-CN': '本团队已为该订单开设活动，请在活动中招募和签到',
      'zh-HK': '本團隊已為該訂單開設活動，請在活動中招募和簽到',
      en: 'Your team has already opened an activity for this order; recruit and check in there',
    },
  },
  DISPATCH_HOURS_VIA_ACTIVITY: {
    status: 409,
    text: {
      'zh-CN': '该订单通过活动服务，服务时长以活动签到记录为准，请在活动中确认时长，不要在结项时另行填写',
      'zh-HK': '該訂單透過活動服務，服務時長以活動簽到記錄為準，請在活動中確認時長，不要在結項時另行填寫',
      en: 'This order is served through an activity: its hours come from the activity’s check-ins and are confirmed there, not entered at completion',
    },
  },
  DISPATCH_REPORT_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '完成服务须填写服务情况报告',
      'zh-HK': '完成服務須填寫服務情況報告',
      en: 'Completing an order needs a report of what was done',
    },
  },
  DISPATCH_VOLUNTEER_NOT_MEMBER: {
    status: 400,
    text: {
      'zh-CN': '服务志愿者须为本团队成员',
      'zh-HK': '服務志願者須為本團隊成員',
      en: 'The volunteers named must be members of the team',
    },
  },
  DISPATCH_ALREADY_RATED: {
    status: 409,
    text: {
      'zh-CN': '该订单已评价，不能重复评价',
      'zh-HK': '該訂單已評價，不能重複評價',
      en: 'This order has already been rated',
    },
  },
  DISPATCH_RATING_CLOSED: {
    status: 409,
    text: {
      'zh-CN': '订单未完成或已超过评价期限',
      'zh-HK': '訂單未完成或已超過評價期限',
      en: 'The order is not completed or the rating window has passed',
    },
  },
  DISPATCH_MERGE_TARGET: {
    status: 400,
    text: {
      'zh-CN': '只能合并到同一单位处理中的另一订单',
      'zh-HK': '只能合併到同一單位處理中的另一訂單',
      en: 'A duplicate can be merged only into another open order of the same unit',
    },
  },
  DISPATCH_NOT_CONSENTED: {
    status: 400,
    text: {
      'zh-CN': '代点单须记录群众本人同意情况',
      'zh-HK': '代點單須記錄群眾本人同意情況',
      en: 'A proxy order must note the resident’s consent',
    },
  },
  DISPATCH_OFFER_UNIT: {
    status: 400,
    text: {
      'zh-CN': '供单只能提交给本团队所在地区的中心、所或站',
      'zh-HK': '供單只能提交給本團隊所在地區的中心、所或站',
      en: 'An offer goes to a centre, post or station of the team’s own area',
    },
  },
  DISPATCH_PHOTO_INVALID: {
    status: 400,
    text: {
      'zh-CN': '照片须为 JPEG、PNG 或 WebP 格式，每张不超过 5 MB，最多 3 张',
      'zh-HK': '照片須為 JPEG、PNG 或 WebP 格式，每張不超過 5 MB，最多 3 張',
      en: 'Photos must be JPEG, PNG or WebP, at most 5 MB each and 3 in all',
    },
  },
  DISPATCH_INVITE_SELF: {
    status: 403,
    text: {
      'zh-CN': '不能邀请您自己',
      'zh-HK': '不能邀請您自己',
      en: 'You cannot invite yourself',
    },
  },
  DISPATCH_INVITEE_INVALID: {
    status: 400,
    text: {
      'zh-CN': '该志愿者不在您的范围内（或不是本团队的在队成员），或没有可接收邀请的账号',
      'zh-HK': '該志願者不在您的範圍內（或不是本團隊的在隊成員），或沒有可接收邀請的帳號',
      en: 'The volunteer is outside your area (or not an active member of the team), or has no account to receive the invitation',
    },
  },
  DISPATCH_ALREADY_INVITED: {
    status: 409,
    text: {
      'zh-CN': '该志愿者已被邀请过',
      'zh-HK': '該志願者已被邀請過',
      en: 'The volunteer has already been invited',
    },
  },
  DISPATCH_INVITATION_NOT_FOUND: {
    status: 404,
    text: {
      'zh-CN': '邀请不存在',
      'zh-HK': '邀請不存在',
      en: 'The invitation does not exist',
    },
  },
  DISPATCH_INVITATION_ANSWERED: {
    status: 409,
    text: {
      'zh-CN': '您已回复过这条邀请',
      'zh-HK': '您已回覆過這條邀請',
      en: 'You have already answered this invitation',
    },
  },
  DISPATCH_FOLLOW_UP_NOT_OPEN: {
    status: 409,
    text: {
      'zh-CN': '该订单没有待处理的回访',
      'zh-HK': '該訂單沒有待處理的回訪',
      en: 'The order has no open follow-up',
    },
  },
  DISPATCH_NOTE_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '请填写回访情况',
      'zh-HK': '請填寫回訪情況',
      en: 'Describe what the follow-up found and did',
    },
  },
  DISPATCH_ITEM_NOT_ACTIVE: {
    status: 409,
    text: {
      'zh-CN': '该服务项目已下架或尚未通过审核，不能修改或下架',
      'zh-HK': '該服務項目已下架或尚未通過審核，不能修改或下架',
      en: 'The item is retired or not approved: it cannot be changed or retired',
    },
  },
  DISPATCH_OFFER_DECIDED: {
    status: 409,
    text: {
      'zh-CN': '该供单已处理过，不能再次审核',
      'zh-HK': '該供單已處理過，不能再次審核',
      en: 'This offer has already been decided',
    },
  },
  DISPATCH_OFFER_SELF: {
    status: 403,
    text: {
      'zh-CN': '不能审核自己提交的供单',
      'zh-HK': '不能審核自己提交的供單',
      en: 'You cannot decide an offer you made yourself',
    },
  },
  DISPATCH_OFFER_NOT_ABOVE: {
    status: 400,
    text: {
      'zh-CN': '村供单只能提交给本村（社区）所在街道的实践所或所在区的实践中心',
      'zh-HK': '村供單只能提交給本村（社區）所在街道的實踐所或所在區的實踐中心',
      en: 'A village’s offer goes to the post of its own street or the centre of its own district',
    },
  },
  DISPATCH_VILLAGE_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '村供单须以一个村（社区）站点的名义提交，请选择村（社区）',
      'zh-HK': '村供單須以一個村（社區）站點的名義提交，請選擇村（社區）',
      en: 'A village offer is made for one village (community): choose the village',
    },
  },
  DISPATCH_TEAM_OUTSIDE_AREA: {
    status: 400,
    text: {
      'zh-CN': '可承接的服务队须登记在本单位辖区内，或登记在本单位的上级地区（如市级组织的服务队）',
      'zh-HK': '可承接的服務隊須登記在本單位轄區內，或登記在本單位的上級地區（如市級組織的服務隊）',
      en: 'A team named here must be registered in the unit’s area or in a region above it (such as a city-level organization’s team)',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
