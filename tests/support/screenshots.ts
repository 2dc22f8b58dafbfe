import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from './wiki-server';

/** Under the test output folder (gitignored), so CI keeps them as artifacts and git never sees them. */
export const SCREENSHOT_DIR = path.join(projectRoot, 'test-results', 'screenshots');

/** The widths the issue asks for: a laptop and the narrowest common phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 360, height: 740 },
} as const;

/** The interface languages and the browser locale (hence Accept-Language) that selects each. */
export const LANGUAGES = { en: 'en-US', it: 'it-IT' } as const;
export type Language = keyof typeof LANGUAGES;

/**
 * Saves the whole page (not just the viewport) as test-results/screenshots/<lang>-<width>-<name>.png
 * and returns the file's path.
 */
export async function saveScreenshot(page: Page, lang: Language, name: string): Promise<string> {
  const width = page.viewportSize()?.width ?? 'unknown';
  const file = path.join(SCREENSHOT_DIR, `${lang}-${width}-${name}.png`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled', caret: 'hide' });
  return file;
}
