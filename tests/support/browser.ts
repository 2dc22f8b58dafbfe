import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium driven by playwright-core (no browser downloads on these machines). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const TEST_PASSWORD = 'telefono azzurro fan since 1987';

/** Creates an account through the real form and waits until the header shows the new user. */
export async function signUp(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/wiki/Special:CreateAccount`);
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByLabel('Confirm password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Create your account' }).click();
  await page.waitForURL(/\/wiki\/Main_Page$/);
  await page.getByRole('navigation', { name: 'Personal tools' }).getByText(name).waitFor();
}

/** Signs in through the real form and waits until the header shows the user. */
export async function signIn(page: Page, baseUrl: string, name: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/wiki/Special:UserLogin`);
  await page.getByLabel('Username').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Personal tools' }).getByText(name).waitFor();
}

/** Saves new text through the edit form and waits for the article. */
export async function editThroughForm(page: Page, baseUrl: string, key: string, content: string, summary = ''): Promise<void> {
  await page.goto(`${baseUrl}/wiki/${key}?action=edit`);
  await page.getByLabel('Content').fill(content);
  await page.getByLabel('Summary').fill(summary);
  await page.getByRole('button', { name: 'Save page' }).click();
  await page.waitForURL(new RegExp(`/wiki/${key}(\\?postedit=merged)?$`));
}
