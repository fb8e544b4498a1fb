import type { Text } from '../i18n.ts';

/** Stations (阵地): centres, posts, stations, U-stations, volunteer posts and service points. */
export const STATION_ERRORS = {
  STATION_NOT_FOUND: {
    status: 404,
    text: { 'zh-CN': '阵地不存在', 'zh-HK': '陣地不存在', en: 'Station not found' },
  },
  STATION_PHONE_NOT_PUBLIC: {
    status: 400,
    text: {
      'zh-CN': '阵地电话须为公开的服务电话（座机或服务热线），不接受个人手机号',
      'zh-HK': '陣地電話須為公開的服務電話（座機或服務熱線），不接受個人手機號碼',
      en: 'A station’s phone must be a public service line (landline or hotline), not a personal mobile number',
    },
  },
  STATION_REGION_LEVEL: {
    status: 400,
    text: {
      'zh-CN': '阵地须登记在区县、街道或社区',
      'zh-HK': '陣地須登記在區縣、街道或社區',
      en: 'A station must belong to a district, street or community',
    },
  },
  STATION_ACTIVITY_UNKNOWN: {
    status: 422,
    text: {
      'zh-CN': '关联的活动不存在或不在您的管辖范围内',
      'zh-HK': '關聯的活動不存在或不在您的管轄範圍內',
      en: 'A linked activity does not exist or is outside your scope',
    },
  },
} as const satisfies Record<string, { status: number; text: Text }>;
