import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { LOCALES, type Locale, type Text } from '@yiqi/shared/i18n';
import { currentLocale } from './api.ts';

/**
 * The interface language without Ant Design: the context, the message tables and their hooks. The console
 * and the volunteer area get it through lib/i18n.tsx's LocaleProvider (which adds Ant Design's and
 * dayjs's texts); the light public pages (web/src/public, issue 17) through PlainLocaleProvider here, so
 * they never load Ant Design (docs/decisions/0044-light-public-pages.md).
 */

/** How each language names itself in the switch. */
export const LOCALE_LABELS: Record<Locale, string> = {
  'zh-CN': '简体中文',
  'zh-HK': '繁體中文',
  en: 'English',
};

export interface LocaleState {
  locale: Locale;
  /** Switches the interface and remembers the choice in the `yiqi_locale` cookie (read by the server too). */
  setLocale: (locale: Locale) => void;
  /** True when this browser has chosen a language explicitly (the cookie is set). */
  chosen: boolean;
}

export const LocaleContext = createContext<LocaleState | null>(null);

export function hasLocaleCookie(): boolean {
  return /(?:^|;\s*)yiqi_locale=/.test(document.cookie);
}

export function writeLocaleCookie(locale: Locale): void {
  document.cookie = `yiqi_locale=${encodeURIComponent(locale)}; path=/; max-age=${365 * 86400}; samesite=lax`;
}

const TITLES: Record<Locale, string> = {
  'zh-CN': '一起 · 广东志愿服务平台',
  'zh-HK': '一起 · 廣東志願服務平台',
  en: 'Yiqi · Guangdong Volunteer Service Platform',
};

/** The document's language and title. */
export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  document.title = TITLES[locale];
}

/** The language context alone: every language's messages are in the bundle, so switching is immediate. */
export function PlainLocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(() => {
    const l = currentLocale();
    applyDocumentLocale(l);
    return l;
  });
  const [chosen, setChosen] = useState(hasLocaleCookie);
  const setLocale = useCallback((next: Locale) => {
    if (!LOCALES.includes(next)) return;
    writeLocaleCookie(next);
    setChosen(true);
    applyDocumentLocale(next);
    setState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale, chosen }), [locale, setLocale, chosen]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const ctx = useContext(LocaleContext);
  if (!ctx) throw new Error('useLocale outside LocaleProvider');
  return ctx;
}

/** A feature's message table: Simplified Chinese first; the other two must have the same keys. */
export type Messages<T> = Record<Locale, T>;

export function defineMessages<T extends Record<string, unknown>>(
  zhCN: T,
  zhHK: NoInfer<T>,
  en: NoInfer<T>,
): Messages<T> {
  return { 'zh-CN': zhCN, 'zh-HK': zhHK, en };
}

/** The current language's entries of a message table. */
export function useMessages<T>(table: Messages<T>): T {
  return table[useLocale().locale];
}

/** Picks the current language out of a shared `Text` (role names, level names, …). */
export function useText(): (text: Text) => string {
  const { locale } = useLocale();
  return useCallback((text: Text) => text[locale], [locale]);
}

/** Fills `{name}` placeholders. */
export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
