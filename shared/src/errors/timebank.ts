import type { Text } from '../i18n.ts';

/** The time bank: schemes, transfers, bookings, grants, idempotency keys. */
export const TIMEBANK_ERRORS = {
  TIMEBANK_NO_SCHEME: {
    status: 404,
    text: {
      'zh-CN': '该地区尚未开设时间银行',
      'zh-HK': '該地區尚未開設時間銀行',
      en: 'This region has no time bank scheme',
    },
  },
  TIMEBANK_ACCOUNT_NOT_FOUND: {
    status: 404,
    text: {
      'zh-CN': '找不到该时间银行账户',
      'zh-HK': '找不到該時間銀行賬戶',
      en: 'Time bank account not found',
    },
  },
  TIMEBANK_INSUFFICIENT: {
    status: 409,
    text: {
      'zh-CN': '时间银行积分余额不足',
      'zh-HK': '時間銀行積分餘額不足',
      en: 'Not enough points in the time bank account',
    },
  },
  TIMEBANK_THRESHOLD: {
    status: 409,
    text: {
      'zh-CN': '累计确认服务时长未达到使用门槛，暂不能使用积分',
      'zh-HK': '累計確認服務時數未達到使用門檻，暫不能使用積分',
      en: 'Your confirmed hours have not reached the threshold for spending points yet',
    },
  },
  TIMEBANK_RECEIVER_NOT_ALLOWED: {
    status: 422,
    text: {
      'zh-CN': '积分只能转给本人登记的直系亲属或捐入公益池',
      'zh-HK': '積分只能轉給本人登記的直系親屬或捐入公益池',
      en: 'Points can only go to your registered close family or the donation pool',
    },
  },
  TIMEBANK_TEAM_DONATE_ONLY: {
    status: 422,
    text: {
      'zh-CN': '团队账户的积分只能捐入公益池',
      'zh-HK': '團隊賬戶的積分只能捐入公益池',
      en: 'A team account’s points can only be donated to the pool',
    },
  },
  TIMEBANK_DELIVERY_REQUIRED: {
    status: 422,
    text: {
      'zh-CN': '该服务通过派单上门提供：请填写服务地址、联系电话和时间，或选择本人已下的订单',
      'zh-HK': '該服務通過派單上門提供：請填寫服務地址、聯絡電話和時間，或選擇本人已下的訂單',
      en: 'This service is delivered as a dispatch order: give the address, phone and time, or pick an order you placed',
    },
  },
  TIMEBANK_ORDER_NOT_LINKABLE: {
    status: 422,
    text: {
      'zh-CN': '该订单不能用于此预约（不是本人未结束的同类服务订单，或已关联其他预约）',
      'zh-HK': '該訂單不能用於此預約（不是本人未結束的同類服務訂單，或已關聯其他預約）',
      en: 'That order cannot deliver this booking (not your open order for this service, or already linked)',
    },
  },
  TIMEBANK_DISPATCH_ITEM_INVALID: {
    status: 422,
    text: {
      'zh-CN': '派单服务须选择本时间银行地区内已上架的服务菜单项目',
      'zh-HK': '派單服務須選擇本時間銀行地區內已上架的服務菜單項目',
      en: 'Choose an approved dispatch menu item of a unit inside the time bank’s region',
    },
  },
  TIMEBANK_DELIVERY_OUTSIDE: {
    status: 422,
    text: {
      'zh-CN': '服务地址所在社区不在本时间银行的地区内',
      'zh-HK': '服務地址所在社區不在本時間銀行的地區內',
      en: 'The address’s community is outside the time bank’s region',
    },
  },
  TIMEBANK_MENU_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '找不到该服务项目', 'zh-HK': '找不到該服務項目', en: 'Service not found on the menu' },
  },
  TIMEBANK_BOOKING_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '找不到该预约', 'zh-HK': '找不到該預約', en: 'Booking not found' },
  },
  TIMEBANK_BOOKING_STATE: {
    status: 409,
    text: {
      'zh-CN': '该预约已结算或已取消',
      'zh-HK': '該預約已結算或已取消',
      en: 'The booking has already been settled or cancelled',
    },
  },
  TIMEBANK_SETTLE_OVER_HOLD: {
    status: 422,
    text: {
      'zh-CN': '结算积分不能超过预约时冻结的积分',
      'zh-HK': '結算積分不能超過預約時凍結的積分',
      en: 'A settlement cannot exceed the points held for the booking',
    },
  },
  TIMEBANK_GRANT_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '找不到该发放申请', 'zh-HK': '找不到該發放申請', en: 'Grant not found' },
  },
  TIMEBANK_GRANT_STATE: {
    status: 409,
    text: {
      'zh-CN': '该发放申请已有决定',
      'zh-HK': '該發放申請已有決定',
      en: 'The grant has already been decided',
    },
  },
  TIMEBANK_OWN_DECISION: {
    status: 403,
    text: {
      'zh-CN': '不能审批本人提出的申请或本人的账目，请由另一位管理员审批',
      'zh-HK': '不能審批本人提出的申請或本人的賬目，請由另一位管理員審批',
      en: 'You cannot approve your own proposal or your own entries; another administrator approves',
    },
  },
  TIMEBANK_TRANSFER_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '找不到该笔转账', 'zh-HK': '找不到該筆轉賬', en: 'Transfer not found' },
  },
  TIMEBANK_ALREADY_REVERSED: {
    status: 409,
    text: {
      'zh-CN': '该笔转账已冲正或本身是冲正',
      'zh-HK': '該筆轉賬已沖正或本身是沖正',
      en: 'The transfer has already been reversed, or is itself a reversal',
    },
  },
  TIMEBANK_NOT_REVERSIBLE: {
    status: 409,
    text: {
      'zh-CN': '存入、冻结与结算随服务记录和预约变动，不能手工冲正；请更正服务记录或取消预约',
      'zh-HK': '存入、凍結與結算隨服務記錄和預約變動，不能手工沖正；請更正服務記錄或取消預約',
      en: 'Deposits, holds and settlements follow the records and bookings; correct the record or cancel the booking instead',
    },
  },
  TIMEBANK_CAP: {
    status: 409,
    text: {
      'zh-CN': '该账户余额将超过时间银行的上限',
      'zh-HK': '該賬戶餘額將超過時間銀行的上限',
      en: 'The account’s balance would exceed the scheme’s cap',
    },
  },
  IDEMPOTENCY_KEY_REQUIRED: {
    status: 400,
    text: {
      'zh-CN': '缺少 Idempotency-Key 请求头（涉及积分的请求必须带上）',
      'zh-HK': '缺少 Idempotency-Key 請求標頭（涉及積分的請求必須帶上）',
      en: 'Missing Idempotency-Key header (required on every request that moves points)',
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    text: {
      'zh-CN': '该 Idempotency-Key 已用于另一项不同的请求',
      'zh-HK': '該 Idempotency-Key 已用於另一項不同的請求',
      en: 'This Idempotency-Key was already used for a different request',
    },
  },
} satisfies Record<string, { status: number; text: Text }>;
