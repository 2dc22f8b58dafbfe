import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (no browser downloads on these machines), shared by
 * the browser tests and the benchmark's editor rows. CHROMIUM_PATH names another binary.
 */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Why Chromium cannot be launched here (no binary at the path), or null when it can be tried. */
export function chromiumMissing(): string | null {
  const executable = chromiumPath();
  return existsSync(executable) ? null : `no Chromium at ${executable} (install Debian's chromium or set CHROMIUM_PATH)`;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
