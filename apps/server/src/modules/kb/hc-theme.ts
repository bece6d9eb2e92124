/** The help center's look, stored in settings under `help_center` and set through the admin API. */
export type HcTheme = { name: string; logo_url: string | null; brand_color: string; text_color: string };

export const DEFAULT_THEME: HcTheme = {
  name: 'Help Center',
  logo_url: null,
  brand_color: '#1f73b7',
  text_color: '#2f3941',
};

const COLOR = /^#[0-9a-fA-F]{6}$/;

/** A stored theme with anything unsafe or missing replaced by the default, so pages can put it in CSS. */
export function readTheme(stored: Record<string, unknown>): HcTheme {
  const text = (v: unknown, max: number) =>
    typeof v === 'string' && v.trim() !== '' ? v.slice(0, max) : null;
  const color = (v: unknown, fallback: string) => (typeof v === 'string' && COLOR.test(v) ? v : fallback);
  const logo = text(stored.logo_url, 2000);
  return {
    name: text(stored.name, 100) ?? DEFAULT_THEME.name,
    logo_url: logo && /^https?:\/\//.test(logo) ? logo : null,
    brand_color: color(stored.brand_color, DEFAULT_THEME.brand_color),
    text_color: color(stored.text_color, DEFAULT_THEME.text_color),
  };
}

/**
 * The theme as pages read it: cached for a few seconds so a page view does not read
 * settings each time; a save here clears it (other nodes see a change within TTL_MS).
 */
export function createThemeStore(kb: {
  theme(): Promise<Record<string, unknown>>;
  saveTheme(value: Record<string, unknown>, at: Date): Promise<void>;
}) {
  const TTL_MS = 5000;
  let cached: { until: number; theme: HcTheme } | null = null;
  return {
    async get(): Promise<HcTheme> {
      if (cached && cached.until > performance.now()) return cached.theme;
      const theme = readTheme(await kb.theme());
      cached = { until: performance.now() + TTL_MS, theme };
      return theme;
    },
    async save(changes: Partial<HcTheme>, at: Date) {
      const next = { ...readTheme(await kb.theme()), ...changes };
      await kb.saveTheme(next, at);
      cached = null;
      return readTheme(next);
    },
  };
}

export type ThemeStore = ReturnType<typeof createThemeStore>;
