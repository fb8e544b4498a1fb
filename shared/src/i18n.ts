/** The three interface languages: Simplified Chinese first, then Traditional Chinese (HK/MO) and English. */
export const LOCALES = ['zh-CN', 'zh-HK', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type Text = Record<Locale, string>;

/** Picks the best supported locale from an Accept-Language header or a stored preference. */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  for (const part of header.split(',')) {
    const tag = (part.split(';')[0] ?? '').trim().toLowerCase();
    if (!tag) continue;
    if (
      tag === 'zh-hk' ||
      tag === 'zh-tw' ||
      tag === 'zh-mo' ||
      tag === 'zh-hant' ||
      tag.startsWith('zh-hant')
    )
      return 'zh-HK';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}
