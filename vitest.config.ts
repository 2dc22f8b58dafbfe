import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import SlowestFirst from './tests/support/slowest-first.ts';
import RunSummary from './tests/support/run-summary.ts';

const root = import.meta.dirname;
const alias = {
  '@': root,
  // `server-only` throws outside React Server Components; tests exercise the server layer directly.
  'server-only': path.join(root, 'tests/support/server-only-stub.ts'),
};

/**
 * End-to-end files that time something (503 within seconds during an outage or a full pool, an
 * edit reaching a second instance within a second): after everything else, two at a time, so no
 * busy file's server skews them; each mostly waits (a held lock, a stopped database).
 */
const timed = ['tests/e2e/database-restart.test.ts', 'tests/e2e/page-cache-instances.test.ts', 'tests/e2e/pool-exhaustion.test.ts', 'tests/e2e/replicas.test.ts'];

/** The test files of a folder, and whether one replaces a module with vi.mock. */
const testFiles = (folder: string, suffix: string) =>
  readdirSync(path.join(root, folder))
    .filter((name) => name.endsWith(suffix))
    .map((name) => `${folder}/${name}`);
const source = (file: string) => readFileSync(path.join(root, file), 'utf8');
const mocksAModule = (file: string) => /\bvi\.(do)?mock\(/.test(source(file));

/**
 * Unit files that need a fresh module registry (what happens on first import, or a vi.mock), run
 * isolated; the rest share one per worker, which saves re-importing the markdown pipeline for every file.
 */
const freshModules = ['tests/unit/markdown-edit-map.test.ts', ...testFiles('tests/unit', '.test.ts').filter(mocksAModule)];

/**
 * Integration files share one module registry per worker (the server layer, ~4 CPU-seconds to
 * load, is loaded once per worker instead of once per file) when they take their database from
 * tests/support/database.ts, which then runs as a setup file: a fresh database before each file.
 * The rest keep a registry of their own: files that vi.mock a module (a mock cannot replace a
 * module that an earlier file already loaded) and files that make their own databases.
 */
const integrationFiles = testFiles('tests/integration', '.test.ts');
const sharesModules = (file: string) => /'\.\.\/support\/database'/.test(source(file)) && !mocksAModule(file);
/**
 * Screens and server actions need the request Next.js would give them (next/headers, the locale,
 * the session): files that import tests/support/request-fake.ts get it from the setup file
 * tests/support/request-mocks.ts, whose mocks are declared once for the project, so these files
 * share a registry too (each with a vi.mock of its own, they once loaded the server layer each).
 */
const fakesRequest = (file: string) => /'\.\.\/support\/request-fake'/.test(source(file));
const integrationShared = integrationFiles.filter((file) => sharesModules(file) && !fakesRequest(file));
const integrationRequests = integrationFiles.filter((file) => sharesModules(file) && fakesRequest(file));
const integrationIsolated = integrationFiles.filter((file) => !sharesModules(file));
/**
 * Component files share a registry per worker too, except those that vi.mock a module: in a shared
 * registry the mock is too late when an earlier file already loaded the component with the real
 * module (a fresh clone's order once ran the sign-in form with next-auth's real signIn).
 */
const componentFiles = testFiles('tests/component', '.test.tsx');
const componentShared = componentFiles.filter((file) => !mocksAModule(file));
const componentIsolated = componentFiles.filter(mocksAModule);
/**
 * On CI (CI=true), a database or browser test that fails gets one more attempt, as Playwright's
 * own CI default does: these files share two cores with a dozen processes, and one lost race
 * should not sink a 50-minute run. A retry hides nothing: the run's summary (run-summary.ts) names
 * every test that passed only on its second attempt, with the first attempt's error. Run locally,
 * every test has one attempt.
 */
const RETRIES_ON_CI = process.env.CI && process.env.CI !== 'false' ? 1 : 0;

const integration = {
  environment: 'node' as const,
  retry: RETRIES_ON_CI,
  // Each file has its own database (tests/support/database.ts), so files run in parallel.
  globalSetup: ['tests/support/global-database.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

const e2e = {
  environment: 'node' as const,
  retry: RETRIES_ON_CI,
  // The one production build every file serves, made before any file starts.
  globalSetup: ['tests/support/global-build.ts'],
  testTimeout: 120_000,
  hookTimeout: 600_000,
};

/**
 * Unit and component files run beside database and browser files on two cores, where a render that
 * takes one second alone can take six. Their limit only has to catch a hang: no test here asserts
 * a speed (the benchmark measures those).
 */
const CPU_BOUND_TEST_TIMEOUT_MS = 30_000;

export default defineConfig({
  plugins: [react()],
  resolve: { alias },
  test: {
    // Transformed modules are kept on disk between runs (node_modules/.experimental-vitest-cache,
    // keyed by each file's content and the config): a second run, such as CI's PostgreSQL path
    // after its embedded one, skips the transforms (unit, component and request files: 160 → 145
    // CPU-s). `npm ci` starts it afresh.
    experimental: { fsModuleCache: true },
    // One worker more than the cores (Vitest's default is one fewer: a single worker on a 2-core
    // CI machine): end-to-end and database files spend much of their time waiting on servers,
    // browsers and databases, and a third file keeps the cores busy meanwhile.
    maxWorkers: availableParallelism() + 1,
    sequence: { sequencer: SlowestFirst },
    // After the default report, the failed tests and those that needed a retry, in one short list.
    reporters: ['default', new RunSummary()],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: freshModules, environment: 'node', isolate: false, testTimeout: CPU_BOUND_TEST_TIMEOUT_MS },
      },
      {
        extends: true,
        test: { name: 'unit-isolated', include: freshModules, environment: 'node', testTimeout: CPU_BOUND_TEST_TIMEOUT_MS },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: componentShared,
          environment: 'jsdom',
          // One module registry per worker, as for unit files.
          isolate: false,
          setupFiles: ['tests/support/dom-setup.ts'],
          testTimeout: CPU_BOUND_TEST_TIMEOUT_MS,
        },
      },
      {
        extends: true,
        test: {
          name: 'component-isolated',
          include: componentIsolated,
          environment: 'jsdom',
          setupFiles: ['tests/support/dom-setup.ts'],
          testTimeout: CPU_BOUND_TEST_TIMEOUT_MS,
        },
      },
      {
        extends: true,
        test: { name: 'integration', include: integrationShared, isolate: false, setupFiles: ['tests/support/database.ts'], ...integration },
      },
      {
        extends: true,
        test: {
          name: 'integration-requests',
          include: integrationRequests,
          isolate: false,
          setupFiles: ['tests/support/database.ts', 'tests/support/request-mocks.ts'],
          ...integration,
        },
      },
      {
        extends: true,
        test: { name: 'integration-isolated', include: integrationIsolated, ...integration },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], exclude: timed, ...e2e },
      },
      {
        extends: true,
        test: { name: 'e2e-measuring', include: timed, maxWorkers: 2, sequence: { groupOrder: 1 }, ...e2e },
      },
    ],
  },
});
