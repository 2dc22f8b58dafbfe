import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * The Chromium builds tried in order. Debian's `chromium-headless-shell` is the same Chromium
 * (same Blink and V8, same source package) built without the browser's window and profile
 * machinery: it is what Playwright itself runs for headless tests, and here it does a browser
 * file's work in about 25 % less CPU than the full browser run headless (docs/testing.md), which
 * matters on two shared cores. Debian's full `chromium` is the fallback.
 */
const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'];

/**
 * Debian's Chromium driven by playwright-core (no browser downloads on these machines), shared by
 * the browser tests and the benchmark's editor rows. CHROMIUM_PATH names another binary.
 */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate)) ?? '/usr/bin/chromium';
}

/** Why Chromium cannot be launched here (no binary at the path), or null when it can be tried. */
export function chromiumMissing(): string | null {
  const executable = chromiumPath();
  return existsSync(executable) ? null : `no Chromium at ${executable} (install Debian's chromium-headless-shell or chromium, or set CHROMIUM_PATH)`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
