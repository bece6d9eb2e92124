// Small helpers the browser flows share: Mantine selects, waiting for the server, languages.
export const WAIT = 15_000;

/** Opens a Mantine Select (or MultiSelect) and picks the option with this exact name. */
export async function choose(page, input, option) {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

/** Polls `check` (which returns a value or nothing) until it answers, or fails naming `what`. */
export async function until(check, what, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what} (last: ${String(last?.message ?? last)})`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export const LANGUAGES = [
  { locale: 'en-US', code: 'en', label: 'English' },
  { locale: 'zh-CN', code: 'zh-CN', label: '简体中文' },
  { locale: 'ar', code: 'ar', label: 'العربية' },
];

/** Switches the app's language from the header menu and waits for the page to follow. */
export async function switchLanguage(page, language) {
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: language.label }).click();
  await page.waitForFunction((code) => document.documentElement.lang === code, language.code, {
    timeout: WAIT,
  });
}

/** Signs in through the login page and waits for the inbox's navigation. */
export async function login(page, url, email, password) {
  await page.goto(`${url}/agent`);
  await page.waitForURL(/\/login/);
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/agent/);
  await page.locator('nav a').first().waitFor({ timeout: WAIT });
}
