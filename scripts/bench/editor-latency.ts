import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../lib/chromium';
import type { Row } from './table';

/**
 * The code editor's input latency (issue 17: "typing stays fast on the 31 KiB ECPAT article and on
 * a 500 KiB page") in headless Chromium against the bench's production server, signed in as the
 * fixtures' editor. For each keystroke, the time from the keydown event's timestamp to a task
 * queued in the first animation frame after it: CodeMirror's update, the copy into the form's
 * textarea, the form's re-render (byte count, draft) and the frame. Keys are typed 40 ms apart, as
 * a quick typist, in the middle of the text. Skipped, not failed, where there is no Chromium.
 */
export interface EditorLatencyRun {
  wikiUrl: string;
  /** The editor's session cookie, `name=value` as the sign-in flow sets it. */
  cookie: string;
  /** Shown in the header when the cookie signed the browser in. */
  editorName: string;
  articleTitle: string;
  keys: number;
}

const BIG_PAGE_CHARACTERS = 500 * 1024;
/** A page that does not exist: its edit page starts empty and the big text is pasted in. */
const BIG_PAGE_KEY = 'Bench_editor_latency';
const KEY_INTERVAL_MS = 40;

interface Latency {
  p50: number;
  p95: number;
  max: number;
  samples: number;
}

/** The edit page with the code editor mounted (it replaces the textarea after hydration). */
async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.cm-content[contenteditable="true"]').waitFor({ timeout: 60_000 });
}

/** The text the form would post: the hidden textarea the editor keeps in step. */
function formText(page: Page): Promise<string> {
  return page.locator('#wpTextbox1').inputValue();
}

async function waitForLength(page: Page, length: number, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = -1;
  while (Date.now() < deadline) {
    seen = (await formText(page)).length;
    if (seen === length) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: the form holds ${seen} characters, expected ${length}`);
}

async function typingLatency(page: Page, keys: number): Promise<Latency> {
  await page.evaluate(() => {
    const samples: number[] = [];
    (window as unknown as { latencySamples: number[] }).latencySamples = samples;
    document.addEventListener(
      'keydown',
      (event) => {
        const started = event.timeStamp;
        requestAnimationFrame(() => {
          // A message posted in the frame runs as the next task: after the frame's paint work.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => samples.push(performance.now() - started);
          channel.port2.postMessage(null);
        });
      },
      true,
    );
  });
  const before = (await formText(page)).length;
  await page.keyboard.type('x'.repeat(keys), { delay: KEY_INTERVAL_MS });
  await waitForLength(page, before + keys, 'not every key arrived');
  // The last key's frame may still be pending.
  await page.waitForFunction((count) => (window as unknown as { latencySamples: number[] }).latencySamples.length >= count, keys, { timeout: 5_000 });
  const samples = (await page.evaluate(() => (window as unknown as { latencySamples: number[] }).latencySamples)).sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: at(1), samples: samples.length };
}

async function measure(browser: Browser, run: EditorLatencyRun): Promise<{ article: Latency; big: Latency; problems: string[] }> {
  const context = await browser.newContext({ locale: 'en-US' });
  const problems: string[] = [];
  context.on('page', (page) => page.on('pageerror', (error) => problems.push(`${error.name}: ${error.message}`)));
  const separator = run.cookie.indexOf('=');
  await context.addCookies([{ name: run.cookie.slice(0, separator), value: run.cookie.slice(separator + 1), url: run.wikiUrl }]);
  const page = await context.newPage();

  await openEditor(page, `${run.wikiUrl}/wiki/${encodeURIComponent(run.articleTitle)}?action=edit`);
  await page.getByRole('navigation', { name: 'Personal tools' }).getByText(run.editorName).waitFor({ timeout: 5_000 });
  const articleText = await formText(page);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let line = 0; line < 12; line += 1) await page.keyboard.press('ArrowDown');
  const article = await typingLatency(page, run.keys);

  const big = (articleText + '\n\n').repeat(Math.ceil(BIG_PAGE_CHARACTERS / (articleText.length + 2))).slice(0, BIG_PAGE_CHARACTERS);
  await openEditor(page, `${run.wikiUrl}/wiki/${BIG_PAGE_KEY}?action=edit`);
  // Pasted, as a writer brings a long page in (typing 500 KiB would take minutes).
  await page.locator('.cm-content').evaluate((editor, text) => {
    const clipboardData = new DataTransfer();
    clipboardData.setData('text/plain', text);
    editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, big);
  await waitForLength(page, big.length, 'the pasted 500 KiB text');
  await page.locator('.cm-content').click();
  const bigPage = await typingLatency(page, run.keys);
  await context.close();
  return { article, big: bigPage, problems };
}

/** The two editor rows of the bench table; with the reason in one line when they cannot be measured. */
export async function editorLatencyRows(run: EditorLatencyRun): Promise<Row[]> {
  // The text is what the editor handles (the "31 KiB" was the article's HTML): named by its size.
  const source = await fetch(`${run.wikiUrl}/w/rest.php/v1/page/${encodeURIComponent(run.articleTitle)}`);
  if (!source.ok) throw new Error(`The source of ${run.articleTitle} answered ${source.status}.`);
  const textKiB = Buffer.byteLength(((await source.json()) as { source: string }).source) / 1024;
  const names = [`Editor input latency, ${run.articleTitle} (${textKiB.toFixed(1)} KiB of text)`, 'Editor input latency, 500 KiB page'];
  const target = '(reported; a frame is 16.7 ms)';
  const skipped = (short: string, reason: string): Row[] => {
    console.log(`Editor input latency skipped: ${reason}.`);
    return names.map((name) => ({ name, value: `skipped: ${short}`, target }));
  };
  const missing = chromiumMissing();
  if (missing) return skipped('no Chromium', missing);
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    return skipped('Chromium did not start', `Chromium did not start (${(error instanceof Error ? error.message : String(error)).split('\n')[0]})`);
  }
  try {
    const { article, big, problems } = await measure(browser, run);
    const problem = problems.length > 0 ? `page errors while typing: ${problems.join('; ')}` : undefined;
    return [article, big].map((latency, i) => ({
      name: names[i]!,
      p50Ms: latency.p50,
      value: `p95 ${latency.p95.toFixed(1)}, max ${latency.max.toFixed(1)} ms (${latency.samples} keys)`,
      target,
      problem,
    }));
  } catch (error) {
    // The rest of the table is still worth printing; the row says what went wrong.
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return names.map((name) => ({ name, value: 'failed', target, problem: message }));
  } finally {
    await browser.close();
  }
}
