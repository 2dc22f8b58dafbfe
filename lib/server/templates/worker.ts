import 'server-only';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import { getDb } from '@/lib/server/db';
import { updateDerivedData } from '@/lib/server/derived';
import { pageWriteTransaction, recordPageChanges } from '@/lib/server/page-cache';
import { isKnownNamespace, makeParsedTitle } from '@/lib/domain/titles';
import { renderPageText, type TemplateCache } from '@/lib/server/templates/render-page';
import { databaseNow, storeCurrentRendering } from '@/lib/server/templates/current-rendering';
import { workRevisionEvents } from '@/lib/server/notifications/revision-events';
import { workNotificationMail } from '@/lib/server/notifications/mail-queue';
import {
  bossOptions,
  fanOut,
  QUEUE_POLLING_SECONDS,
  registerLocalWorkers,
  RERENDER_PAGE_QUEUE,
  TEMPLATE_CHANGED_QUEUE,
  unregisterLocalWorkers,
  type RerenderPageJob,
  type TemplateChangedJob,
} from '@/lib/server/templates/queue';

/*
 * The background worker of the re-render queue (lib/server/templates/queue.ts), started with the
 * server (instrumentation.ts) in every instance; pg-boss hands each job to one of them
 * (FOR UPDATE SKIP LOCKED). Jobs are idempotent: rendering a page again with the current templates
 * gives the same result however often it runs. A failed job is retried (5 times, backing off from
 * 5 s); a job whose instance died is failed by the next maintenance pass after its expiry (2 min)
 * and retried; stopping the server fails the running jobs at once so they are retried.
 */

export interface WorkerOptions {
  /** Pages rendered per job fetch (one transaction each). */
  batchSize?: number;
  /**
   * Batches in progress at once. A page's time goes mostly to waiting (the render thread, the
   * database), so two overlap well on PostgreSQL; the embedded database runs one statement at a
   * time, so one there.
   */
  concurrency?: number;
  /** How often an idle worker looks for jobs (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** How often expired jobs are failed for retry and old ones archived. */
  maintenanceIntervalSeconds?: number;
}

export interface RerenderWorker {
  boss: PgBoss;
  /** Graceful: running jobs finish first (within 5 s); otherwise they are failed at once, to be retried. */
  stop(options?: { graceful?: boolean }): Promise<void>;
}

interface PageRow {
  id: number;
  namespace: number;
  title: string;
  latest_revision_id: number;
  text: string;
}

/**
 * Renders pages again with the current templates and stores each one's current rendering, derived
 * data and cache invalidation in one transaction under its row lock. A page saved since it was
 * read is skipped (its save rendered it with templates at least as new); so is a page whose stored
 * rendering read its templates later than this one.
 */
export async function rerenderPages(pageIds: readonly number[]): Promise<{ rendered: number; skipped: number }> {
  const db = getDb();
  // Before anything is read: every template committed before this instant is seen below.
  const readAt = await databaseNow(db);
  const pages = await db.$queryRaw<PageRow[]>`
    SELECT p.id, p.namespace, p.title, p.latest_revision_id, c.text
    FROM pages p JOIN revisions r ON r.id = p.latest_revision_id JOIN contents c ON c.id = r.content_id
    WHERE p.id = ANY(${[...pageIds]}::int[])`;
  // Every page of a batch uses the template that changed: each template is read once per batch.
  const cache: TemplateCache = new Map();
  let rendered = 0;
  const failures: string[] = [];
  for (const page of pages) {
    if (!isKnownNamespace(page.namespace)) continue;
    await giveWayToReaders();
    try {
      if (await rerenderOne(page, readAt, cache)) rendered += 1;
    } catch (error) {
      failures.push(`${page.namespace}:${page.title}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // The whole batch is retried (rendering again is harmless); the others are already stored.
  if (failures.length > 0) throw new Error(`Rendering again failed for ${failures.length} page(s): ${failures.join('; ')}`);
  return { rendered, skipped: pageIds.length - rendered };
}

/**
 * The worker gives way to readers: the same process answers them (the page cache in
 * runtime/server.mjs), and on a small machine the worker's renders and queries lengthen their
 * slowest answers. Before each page it looks at how many requests the server started since the
 * last look (runtime/server.mjs counts them); above BUSY_REQUESTS_PER_SECOND it waits in steps of
 * 250 ms, rendering one page at least every 2 s so that a wiki under constant load still catches
 * up. Outside the production server (tests, scripts) there is no counter and no waiting.
 */
const BUSY_REQUESTS_PER_SECOND = 50;
const PAUSE_WHEN_BUSY_MS = 250;
const MAX_PAUSES = 8;
const REQUEST_COUNTER = Symbol.for('wiki.requestCounter');
/** Rates are taken over at least this long, so that two pages started a moment apart do not see a burst. */
const MIN_WINDOW_MS = 100;
let lastLook = { at: performance.now(), requests: 0, busy: false };

function readersBusy(counter: { count: number }): boolean {
  const now = performance.now();
  if (now - lastLook.at < MIN_WINDOW_MS) return lastLook.busy;
  const rate = ((counter.count - lastLook.requests) / (now - lastLook.at)) * 1000;
  lastLook = { at: now, requests: counter.count, busy: rate >= BUSY_REQUESTS_PER_SECOND };
  return lastLook.busy;
}

async function giveWayToReaders(): Promise<void> {
  const counter = (globalThis as Record<symbol, { count: number } | undefined>)[REQUEST_COUNTER];
  if (!counter) return;
  for (let pauses = 0; pauses < MAX_PAUSES && readersBusy(counter); pauses += 1) {
    await sleep(PAUSE_WHEN_BUSY_MS);
  }
}

async function rerenderOne(page: PageRow, readAt: Date, cache: TemplateCache): Promise<boolean> {
  const title = makeParsedTitle(page.namespace as Parameters<typeof makeParsedTitle>[0], page.title);
  // Off the main thread: the server answers readers from this event loop meanwhile.
  const rendering = await renderPageText(title, page.text, { cache, placement: 'worker' });
  return pageWriteTransaction(async (tx) => {
    const current = await tx.$queryRaw<{ latest_revision_id: number | null }[]>`
      SELECT latest_revision_id FROM pages WHERE id = ${page.id} FOR UPDATE`;
    if (current[0]?.latest_revision_id !== page.latest_revision_id) return false;
    if (!(await storeCurrentRendering(tx, { pageId: page.id, revisionId: page.latest_revision_id }, rendering, readAt))) return false;
    // Links, categories, files and templates may come from the templates: they follow the rendering.
    await updateDerivedData(tx, { pageId: page.id, title, text: page.text, rendered: rendering });
    await recordPageChanges(tx, [{ kind: 'rendering', title }]);
    return true;
  });
}

export async function startRerenderWorker(options: WorkerOptions = {}): Promise<RerenderWorker> {
  const boss = new PgBoss(bossOptions({ supervise: true, maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60 }));
  boss.on('error', (error: Error) => console.warn(`Re-render queue: ${error.message}`));
  await boss.start();
  const polling = options.pollingIntervalSeconds ?? QUEUE_POLLING_SECONDS;
  const ids: string[] = [];
  ids.push(
    await boss.work<TemplateChangedJob>(TEMPLATE_CHANGED_QUEUE, { batchSize: 1, pollingIntervalSeconds: polling }, async (jobs) => {
      for (const job of jobs) await fanOut(boss, job.data);
    }),
  );
  const concurrency = options.concurrency ?? (process.env.WIKI_EMBEDDED_DATABASE === '1' ? 1 : 2);
  for (let i = 0; i < concurrency; i += 1) {
    // Each call is a fetch loop of its own; pg-boss never hands one job to two of them.
    ids.push(
      await boss.work<RerenderPageJob>(RERENDER_PAGE_QUEUE, { batchSize: options.batchSize ?? 20, pollingIntervalSeconds: polling }, async (jobs) => {
        await rerenderPages(jobs.map((job) => job.data.pageId));
      }),
    );
  }
  // The same instance works the notification events of new revisions (docs/notifications.md).
  ids.push(await workRevisionEvents(boss, polling));
  // And sends their e-mail, when SMTP_URL is set (lib/server/notifications/mail-queue.ts).
  const mailWorker = await workNotificationMail(boss, polling);
  if (mailWorker) ids.push(mailWorker);
  // Jobs this process queues wake these workers after their COMMIT (lib/server/templates/queue.ts).
  registerLocalWorkers(boss, ids);
  return {
    boss,
    stop: ({ graceful = true } = {}) => {
      unregisterLocalWorkers(boss);
      return boss.stop({ graceful, timeout: 5_000, wait: true, close: false });
    },
  };
}

/** How runtime/server.mjs (outside the bundle) stops the worker before closing the database pool. */
const STOP_BACKGROUND_WORK = Symbol.for('wiki.stopBackgroundWork');
const RETRY_START_MS = 30_000;

/**
 * Starts the worker in the server process (instrumentation.ts), unless WIKI_RERENDER_WORKER=0
 * (an instance that only serves readers). A database that cannot be reached at start is tried
 * again every 30 s: the server serves meanwhile, and the jobs wait in the database.
 */
export async function startServerBackgroundWork(): Promise<void> {
  if (process.env.WIKI_RERENDER_WORKER === '0') return;
  const globals = globalThis as Record<symbol, unknown>;
  if (globals[STOP_BACKGROUND_WORK]) return;
  let worker: RerenderWorker | null = null;
  let retry: NodeJS.Timeout | null = null;
  let stopped = false;
  globals[STOP_BACKGROUND_WORK] = async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    // Not graceful: the running jobs are failed at once and retried (by any instance), which
    // keeps the shutdown within its deadline; rendering a page twice is harmless.
    await worker?.stop({ graceful: false });
  };
  const attempt = async () => {
    try {
      worker = await startRerenderWorker();
      if (stopped) await worker.stop();
    } catch (error) {
      console.warn(`Re-render queue not started (${error instanceof Error ? error.message : String(error)}); trying again in ${RETRY_START_MS / 1000} s.`);
      if (!stopped) retry = setTimeout(() => void attempt(), RETRY_START_MS);
      retry?.unref();
    }
  };
  await attempt();
}
