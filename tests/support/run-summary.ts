import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** Where the last run's summary is kept (.ci/run prints both paths' summaries at its very end). */
export const RUN_SUMMARY_FILE = path.join(import.meta.dirname, '../../test-results/run-summary.txt');

/**
 * The start of an error, short enough to read in a CI log's tail: its first lines (a property
 * test's first line only says that it failed; its counterexample follows).
 */
function firstLine(message: string | undefined): string {
  const lines = (message ?? 'no message')
    .split('\n')
    .map((text) => text.trim())
    .filter((text) => text !== '');
  const head = lines.slice(0, 3).join(' / ') || 'no message';
  return head.length > 500 ? `${head.slice(0, 500)}…` : head;
}

function describe(test: TestCase): string {
  return `${test.module.relativeModuleId} > ${test.fullName}`;
}

/**
 * Prints, after the last file, every test that failed and every test that passed only on a retry
 * (with its first attempt's error): a failure on a busy machine is otherwise buried thousands of
 * lines above the end of a long CI log, and a retry that hides a flaky test should still be seen.
 * The same lines go to test-results/run-summary.txt.
 */
export default class RunSummary implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<{ message?: string }>): void {
    const failed: string[] = [];
    const flaky: string[] = [];
    for (const testModule of testModules) {
      if (testModule.state() === 'failed' && testModule.errors().length > 0) {
        failed.push(`${testModule.relativeModuleId}: ${firstLine(testModule.errors()[0]?.message)}`);
      }
      for (const test of testModule.children.allTests()) {
        const result = test.result();
        if (result.state === 'failed') {
          // A retried test keeps every attempt's errors; the first is the one that counts.
          const last = result.errors.length > 1 ? ` (last attempt: ${firstLine(result.errors.at(-1)?.message)})` : '';
          failed.push(`${describe(test)}: ${firstLine(result.errors[0]?.message)}${last}`);
        } else if (result.state === 'passed' && test.diagnostic()?.flaky) {
          flaky.push(`${describe(test)} (first attempt: ${firstLine(result.errors?.[0]?.message)})`);
        }
      }
    }
    for (const error of unhandledErrors) failed.push(`unhandled error: ${firstLine(error.message)}`);
    const lines = [
      `Run summary: ${failed.length} failed, ${flaky.length} passed only on a retry.`,
      ...failed.map((line) => `  FAILED ${line}`),
      ...flaky.map((line) => `  RETRIED ${line}`),
    ];
    mkdirSync(path.dirname(RUN_SUMMARY_FILE), { recursive: true });
    writeFileSync(RUN_SUMMARY_FILE, `${lines.join('\n')}\n`);
    console.log(`\n${lines.join('\n')}`);
  }
}
