import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import type { Locale as AntLocale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { LOCALES, type Locale, type Text } from '@yiqi/shared/i18n';
import { currentLocale } from './api.ts';

/**
 * Ant Design's and dayjs's texts per language. Simplified Chinese, the default, is in the first download;
 * the other two are fetched only by a visit in that language (each its own small chunk), so a page does
 * not carry three languages' tables.
 */
const LOADERS: Record<Locale, () => Promise<AntLocale>> = {
  'zh-CN': async () => zhCN,
  'zh-HK': async () => {
    const [ant] = await Promise.all([import('antd/es/locale/zh_HK'), import('dayjs/locale/zh-hk')]);
    return ant.default;
  },
  en: async () => (await import('antd/es/locale/en_US')).default,
};
const loaded: Partial<Record<Locale, AntLocale>> = { 'zh-CN': zhCN };

async function loadLocale(locale: Locale): Promise<AntLocale> {
  return (loaded[locale] ??= await LOADERS[locale]());
}

const DAYJS_LOCALES: Record<Locale, string> = { 'zh-CN': 'zh-cn', 'zh-HK': 'zh-hk', en: 'en' };

/** How each language names itself in the switch. */
export const LOCALE_LABELS: Record<Locale, string> = {
  'zh-CN': '简体中文',
  'zh-HK': '繁體中文',
  en: 'English',
};

interface LocaleState {
  locale: Locale;
  /** Switches the interface and remembers the choice in the `yiqi_locale` cookie (read by the server too). */
  setLocale: (locale: Locale) => void;
  /** True when this browser has chosen a language explicitly (the cookie is set). */
  chosen: boolean;
}

const LocaleContext = createContext<LocaleState | null>(null);

function hasLocaleCookie(): boolean {
  return /(?:^|;\s*)yiqi_locale=/.test(document.cookie);
}

function writeLocaleCookie(locale: Locale): void {
  document.cookie = `yiqi_locale=${encodeURIComponent(locale)}; path=/; max-age=${365 * 86400}; samesite=lax`;
}

const TITLES: Record<Locale, string> = {
  'zh-CN': '一起 · 广东志愿服务平台',
  'zh-HK': '一起 · 廣東志願服務平台',
  en: 'Yiqi · Guangdong Volunteer Service Platform',
};

function applyLocale(locale: Locale): void {
  dayjs.locale(DAYJS_LOCALES[locale]);
  document.documentElement.lang = locale;
  document.title = TITLES[locale];
}

const THEME = {
  token: { colorPrimary: '#d4380d', borderRadius: 8 },
  algorithm: antTheme.defaultAlgorithm,
};

/**
 * Language context plus Ant Design's ConfigProvider, whose component texts follow the same choice. A
 * language other than zh-CN renders once its tables have arrived (one small request); switching keeps the
 * current language on screen until the new one is ready.
 */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale | null>(() => {
    const l = currentLocale();
    if (!loaded[l]) return null;
    applyLocale(l);
    return l;
  });
  const [chosen, setChosen] = useState(hasLocaleCookie);

  const show = useCallback((next: Locale) => {
    void loadLocale(next).then(
      () => {
        applyLocale(next);
        setState(next);
      },
      // The chunk did not arrive (offline, a deploy in between): Simplified Chinese rather than nothing.
      () => setState((current) => current ?? 'zh-CN'),
    );
  }, []);

  useEffect(() => {
    if (locale === null) show(currentLocale());
    // Only the first render can lack a language.
  }, []);

  const setLocale = useCallback(
    (next: Locale) => {
      if (!LOCALES.includes(next)) return;
      writeLocaleCookie(next);
      setChosen(true);
      show(next);
    },
    [show],
  );

  useEffect(() => {
    if (locale) applyLocale(locale);
  }, [locale]);

  const value = useMemo(() => (locale ? { locale, setLocale, chosen } : null), [locale, setLocale, chosen]);
  if (!value) return null;
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider locale={loaded[value.locale]} theme={THEME}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LocaleContext.Provider>
  );
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
