import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import type { Locale as AntLocale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { LOCALES, type Locale } from '@yiqi/shared/i18n';
import { currentLocale } from './api.ts';
import { applyDocumentLocale, hasLocaleCookie, LocaleContext, writeLocaleCookie } from './locale.tsx';

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

function applyLocale(locale: Locale): void {
  dayjs.locale(DAYJS_LOCALES[locale]);
  applyDocumentLocale(locale);
}

/**
 * Whoever asks their system for less motion (vestibular disorders, older phones) gets Ant Design's dialogs,
 * menus and drawers without their zoom and slide animations; so do the browser journeys, whose clicks
 * otherwise could land on a dialog still zooming in on a loaded machine. Read once at start.
 */
const REDUCED_MOTION =
  typeof window !== 'undefined' && Boolean(window.matchMedia?.('(prefers-reduced-motion: reduce)').matches);

const THEME = {
  token: { colorPrimary: '#d4380d', borderRadius: 8, ...(REDUCED_MOTION ? { motion: false } : {}) },
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

// The context, message tables and hooks live in lib/locale.tsx (no Ant Design), shared with the light
// public pages; they are re-exported here so features keep importing them from one place.
export {
  defineMessages,
  fmt,
  LOCALE_LABELS,
  useLocale,
  useMessages,
  useText,
  type Messages,
} from './locale.tsx';
