import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { projectRoot } from './wiki-server';

const FAILURE_DIR = path.join(projectRoot, 'test-results', 'failures');

/**
 * Prints what a failed browser test leaves behind, for failures seen only on a busy CI machine:
 * the wiki's last output lines, and for every open page its address, a screenshot under
 * test-results/failures/, and the state of an edit form (which control is named Content, whether
 * the textarea or the code editor shows). Never throws: the test's own failure is what counts.
 */
export async function reportFailure(testName: string, serverOutput: () => string | Promise<string>, browser: Browser): Promise<void> {
  const output = await Promise.resolve()
    .then(serverOutput)
    .catch((error: Error) => `(not available: ${error.message})`);
  const lines = [`--- after the failure of "${testName}" ---`, 'Server output, last 40 lines:', ...output.trimEnd().split('\n').slice(-40)];
  const slug = testName.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60);
  await mkdir(FAILURE_DIR, { recursive: true }).catch(() => undefined);
  let index = 0;
  for (const context of browser.contexts()) {
    for (const page of context.pages()) {
      index += 1;
      const file = path.join(FAILURE_DIR, `${slug}-${index}.png`);
      const shot = await page.screenshot({ path: file, fullPage: false, timeout: 5_000 }).then(
        () => file,
        (error: Error) => `no screenshot (${error.message.split('\n')[0]})`,
      );
      const form = await page
        .evaluate(() => {
          const textarea = document.querySelector<HTMLTextAreaElement>('#wpTextbox1');
          if (!textarea) return 'no edit form';
          const label = document.querySelector('label[for="wpTextbox1"]');
          const editor = document.querySelector('.cm-editor');
          return `textarea ${textarea.hidden ? 'hidden' : 'shown'}, label for it: ${label ? 'yes' : 'no'}, code editor: ${editor ? (editor.closest('[hidden]') ? 'hidden' : 'shown') : 'none'}, ready state ${document.readyState}`;
        }, undefined)
        .catch((error: Error) => `page not readable (${error.message.split('\n')[0]})`);
      lines.push(`Page ${index}: ${page.url()} | ${form} | ${shot}`);
    }
  }
  console.log(lines.join('\n'));
}
