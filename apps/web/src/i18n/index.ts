import i18n from 'i18next';
import { use } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import ar from './locales/ar.json';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** The agent app's languages: the user's `locale` picks one; Arabic is right-to-left. */
export const LANGUAGES = [
  { locale: 'en-US', code: 'en', label: 'English', dir: 'ltr' },
  { locale: 'zh-CN', code: 'zh-CN', label: '简体中文', dir: 'ltr' },
  { locale: 'ar', code: 'ar', label: 'العربية', dir: 'rtl' },
] as const;

export type Language = (typeof LANGUAGES)[number];

/** The language for a Zendesk locale (`en-US`, `zh-CN`, `zh`, `ar`, `ar-EG`…), English otherwise. */
export function languageOf(locale: string | null | undefined): Language {
  const l = (locale ?? '').toLowerCase();
  if (l.startsWith('zh')) return LANGUAGES[1];
  if (l.startsWith('ar')) return LANGUAGES[2];
  return LANGUAGES[0];
}

const stored = () => {
  try {
    return localStorage.getItem('frontline.locale');
  } catch {
    return null;
  }
};

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN }, ar: { translation: ar } },
  lng: languageOf(stored() ?? navigator.language).code,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Switches the UI language and mirrors the whole page for Arabic. */
export function applyLanguage(locale: string | null | undefined) {
  const language = languageOf(locale);
  try {
    localStorage.setItem('frontline.locale', language.locale);
  } catch {
    // private mode: the profile keeps the choice anyway
  }
  // Screens already open keep their strings: fetch the new language's before switching.
  const switchTo = () => {
    document.documentElement.lang = language.code;
    document.documentElement.dir = language.dir;
    if (i18n.language !== language.code) void i18n.changeLanguage(language.code);
  };
  if (screenStrings.size) void loadScreenStrings(language.code).then(switchTo, switchTo);
  else switchTo();
  return language;
}

/**
 * Strings of the screens an agent opens now and then (admin settings, approvals, the
 * ticket's workflow panel) live in `screens/<language>.json`, one chunk per language,
 * fetched with those screens so the first load carries only the inbox's strings.
 */
const screenBundles = import.meta.glob<Record<string, unknown>>('./screens/*.json', { import: 'default' });
const screenStrings = new Map<string, Promise<void>>();

export function loadScreenStrings(code: string) {
  let loading = screenStrings.get(code);
  if (!loading) {
    const load = screenBundles[`./screens/${code}.json`] ?? screenBundles['./screens/en.json']!;
    loading = load().then((strings) => {
      i18n.addResourceBundle(code, 'translation', strings, true, false);
    });
    screenStrings.set(code, loading);
  }
  return loading;
}

/** Suspends the calling screen until its strings are there in the current language. */
export function useScreenStrings() {
  const { i18n: instance } = useTranslation();
  use(loadScreenStrings(instance.language));
}

export { i18n };
