/** Locales as Guide writes them in paths and fields: lower case, `en-us`, `zh-cn`, `ar`. */
export const HC_LOCALES = ['en-us', 'zh-cn', 'ar'] as const;
export type HcLocale = (typeof HC_LOCALES)[number];
export const DEFAULT_LOCALE: HcLocale = 'en-us';
const LOCALE = /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/;

/** `en-US` → `en-us`; null when it is not a locale tag at all. */
export function normalizeLocale(value: string | undefined | null): string | null {
  if (!value) return null;
  const lower = value.trim().toLowerCase().replace('_', '-');
  return LOCALE.test(lower) ? lower : null;
}

export const isHcLocale = (value: string): value is HcLocale =>
  (HC_LOCALES as readonly string[]).includes(value);
export const isRtl = (locale: string) => /^(ar|he|fa|ur)(-|$)/.test(locale);

/** The help-center locale an Accept-Language header prefers (q-values honoured), else the default. */
export function localeFromAcceptLanguage(header: string | undefined): HcLocale {
  const ranked = (header ?? '')
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (isHcLocale(tag)) return tag;
    const language = tag.split('-')[0];
    const match = HC_LOCALES.find((l) => l.split('-')[0] === language);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
}
