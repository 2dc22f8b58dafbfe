import type { Response } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../lib/chromium';
import type { Row } from './table';

/**
 * What an anonymous reader's first view of the article transfers (issue 18: "≤ 120 KB in all,
 * article text once"), measured in headless Chromium with an empty cache against the bench's
 * production server: every response's bytes on the wire (compressed body and headers, as
 * Chromium reports them), by kind, until the network is idle; and how many times a sentence of the
 * article appears in the document (the HTML, plus the RSC payload Next.js embeds for hydration).
 */
export interface PageWeightRun {
  wikiUrl: string;
  articlePath: string;
  /** A sentence of the article's text, as it appears in the document. */
  sentence: string;
}

const KINDS: Record<string, string> = { document: 'HTML', script: 'JS', stylesheet: 'CSS' };
const TARGET = '≤ 120 KB in all, article text once';

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)}`;
}

export async function pageWeightRow(run: PageWeightRun): Promise<Row> {
  const name = 'Anonymous first view of the article, bytes transferred';
  const missing = chromiumMissing();
  if (missing) return { name, value: 'skipped: no Chromium', target: TARGET };
  // The stored copy is what readers get: the first view below must not be the render that fills it.
  for (let attempt = 0; attempt < 3; attempt += 1) await (await fetch(`${run.wikiUrl}${run.articlePath}`)).arrayBuffer();
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const responses: Response[] = [];
    page.on('response', (response) => responses.push(response));
    await page.goto(`${run.wikiUrl}${run.articlePath}`, { waitUntil: 'networkidle' });
    const byKind = new Map<string, number>();
    let total = 0;
    for (const response of responses) {
      const sizes = await response.request().sizes();
      const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
      const kind = KINDS[response.request().resourceType()] ?? 'other';
      byKind.set(kind, (byKind.get(kind) ?? 0) + bytes);
      total += bytes;
    }
    const html = await (await fetch(`${run.wikiUrl}${run.articlePath}`)).text();
    const copies = html.split(run.sentence).length - 1;
    await context.close();
    const parts = ['HTML', 'CSS', 'JS', 'other'].map((kind) => `${kind} ${kib(byKind.get(kind) ?? 0)}`).join(', ');
    return {
      name,
      value: `${kib(total)} KiB (${parts}); ${responses.length} requests; article text ${copies}×`,
      target: TARGET,
      met: total <= 120 * 1024 && copies === 1,
    };
  } catch (error) {
    return { name, value: 'failed', target: TARGET, problem: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await browser.close();
  }
}
