import { existsSync, readFileSync } from 'node:fs';
import path, { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { expectBorrowers } from './shared-wiki-pool.ts';

/** A file that borrows one of the run's shared wikis (tests/support/e2e-suite.ts). */
const BORROWS_A_WIKI = /\buseSharedWiki(InBrowser)?\(/;

/**
 * Starts the longest files first, whatever their project (Vitest's own order runs project by
 * project, so the end-to-end files all start together and a long file can start last, leaving one
 * worker idle while it finishes). A file's time is its last run's, from Vitest's cache (keyed by
 * project and file path, so the runs with and without DATABASE_URL share it); on a fresh clone,
 * where that cache is empty, the times recorded in file-durations.json (`npm run test:durations`
 * after a full run), and for a file newer than those, its project's typical time.
 */
const durationsFile = path.join(import.meta.dirname, 'file-durations.json');
const RECORDED_SECONDS: Record<string, number> = existsSync(durationsFile) ? JSON.parse(readFileSync(durationsFile, 'utf8')) : {};
const TYPICAL_SECONDS: Record<string, number> = { e2e: 30, integration: 8, 'integration-isolated': 8, component: 2, unit: 1, 'unit-isolated': 1 };

export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (spec: TestSpecification) => {
      const file = relative(spec.project.config.root, spec.moduleId);
      const last = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`);
      if (last && !last.failed) return last.duration / 1000;
      return RECORDED_SECONDS[file] ?? TYPICAL_SECONDS[spec.project.name] ?? 5;
    };
    const sorted = [...files].sort((a, b) => seconds(b) - seconds(a));
    // A project that shares a module registry per worker (isolate: false) runs its files back to
    // back, from where its longest file would start: Vitest gives a worker's next file to the same
    // process only when that file is next in the queue and of the same project, so a unit file
    // between two integration files costs a new process that loads the server layer again.
    const order: TestSpecification[] = [];
    const grouped = new Set<string>();
    for (const spec of sorted) {
      if (spec.project.config.isolate !== false) order.push(spec);
      else if (!grouped.has(spec.project.name)) {
        grouped.add(spec.project.name);
        order.push(...sorted.filter((other) => other.project.name === spec.project.name));
      }
    }
    // The shared wikis' pool stops a wiki once no file left to run will borrow it.
    expectBorrowers(order.filter((spec) => BORROWS_A_WIKI.test(readFileSync(spec.moduleId, 'utf8'))).map((spec) => spec.moduleId));
    return order;
  }
}
