import 'server-only';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { DumpEvent } from '@/lib/domain/mediawiki-xml-reader';
import { sha1Hex, WIKITEXT_MODEL, type DumpPage, type DumpRevision } from '@/lib/domain/mediawiki-xml';
import { plainFallback, type ConversionIssue, type WikitextConversion } from '@/lib/domain/wikitext/convert';
import type { ConvertTask } from '@/lib/workers/convert-wikitext';

/**
 * The import's wikitext conversion, moved off the import's thread. Converting is about 40% of an
 * import's CPU time (wikiparser-node, 1–16 ms a revision) and the rest (reading the XML, Prisma,
 * rendering each page's latest revision) is on the main thread too: converting in worker threads
 * a window ahead of the writer lets both cores work. Synchronous parsing cannot be interrupted,
 * so the worker is also where a pathological revision can be cut off: its thread is terminated
 * and the revision kept as plain text, listed in the report, instead of hanging the import.
 */

/** A revision as it will be stored: markdown, with the wikitext it came from when it was converted. */
export interface ConvertedRevision {
  text: string;
  sha1: string;
  source: { model: string; text: string } | null;
  issues: ConversionIssue[];
}

type RevisionEvent = Extract<DumpEvent, { type: 'revision' }>;
/** A dump event; a revision carries what will be stored. */
export type ConvertedEvent = Exclude<DumpEvent, RevisionEvent> | (RevisionEvent & { converted: ConvertedRevision });

export interface ConvertAheadOptions {
  /** Events read ahead of the consumer at most (revisions and everything between them). */
  window?: number;
  /** Characters of text (and bytes of uploads) read ahead at most: whichever limit comes first. */
  windowChars?: number;
  /** Revisions sent to a worker at once. */
  batch?: number;
  /**
   * The title a page's revisions are converted under (templates convert differently), or null for
   * a page that is not imported: its revisions are left out of the output, unconverted.
   */
  titleOf?: (page: DumpPage) => string | null;
  /** The time a batch of this many characters may take (tests pass a tiny one). */
  budgetMs?: (chars: number) => number;
}

/**
 * 5 s, plus 0.05 ms a character: about 20 times the slowest conversions measured (16 ms for a
 * 5 KB revision), so only runaway parses are cut off; the base covers a busy machine's pauses.
 */
export const conversionBudgetMs = (chars: number) => 5_000 + chars * 0.05;

/** Original revisions of one page remembered for reverts: enough for edit wars, bounded for long histories. */
const REMEMBERED_PER_PAGE = 32;

/** What a revision that is not wikitext (this wiki's own markdown) is stored as: unchanged. */
export function passThrough(revision: DumpRevision): ConvertedRevision {
  // A full backup of this wiki carries the originals of its imported revisions: they stay kept.
  return { text: revision.text, sha1: revision.sha1, source: revision.source ?? null, issues: [] };
}

function stored(wikitext: string, { markdown, issues }: WikitextConversion): ConvertedRevision {
  return { text: markdown, sha1: sha1Hex(markdown), source: { model: WIKITEXT_MODEL, text: wikitext }, issues: [...issues] };
}

interface Job {
  title: string;
  text: string;
  /** The revision, for an error's message. */
  where: string;
  /** Sent to a worker, or waiting for a free one (not in the open batch any more). */
  sent: boolean;
  conversion: Promise<WikitextConversion>;
  resolve: (conversion: WikitextConversion) => void;
  reject: (error: Error) => void;
}

/** The dump's events with each wikitext revision's conversion attached, converted ahead of the consumer in worker threads, in order. */
export async function* convertAhead(events: AsyncIterable<DumpEvent>, options: ConvertAheadOptions = {}): AsyncGenerator<ConvertedEvent> {
  const window = options.window ?? 512;
  const windowChars = options.windowChars ?? 8_000_000;
  const converter = new Converter(options.batch ?? 32, options.budgetMs ?? conversionBudgetMs);
  const titleOf = options.titleOf ?? ((page: DumpPage) => page.title);
  const input = events[Symbol.asyncIterator]();
  const queue: { event: DumpEvent; chars: number; job?: Job; converted?: Promise<ConvertedRevision> }[] = [];
  let chars = 0;
  let ended = false;
  let title: string | null = null;
  let remembered = new Map<string, { text: string; converted: Promise<ConvertedRevision> }>();
  try {
    for (;;) {
      while (!ended && queue.length < window && chars < windowChars) {
        const next = await input.next();
        if (next.done) {
          ended = true;
          break;
        }
        const event = next.value;
        if (event.type === 'page') {
          title = titleOf(event.page);
          remembered = new Map();
        }
        if (event.type === 'revision' && title === null) continue;
        const size = event.type === 'revision' ? event.revision.text.length : event.type === 'upload' ? event.bytes.length : 0;
        chars += size;
        if (event.type !== 'revision' || event.revision.model !== WIKITEXT_MODEL) {
          queue.push({ event, chars: size });
          continue;
        }
        const { revision } = event;
        const earlier = remembered.get(revision.sha1);
        if (earlier?.text === revision.text) {
          // A revert to an earlier text of this page: its conversion again, without converting.
          queue.push({ event, chars: size, converted: earlier.converted });
          continue;
        }
        const job = converter.add(title!, revision.text, `page "${event.page.title}", revision ${revision.id}`);
        const converted = job.conversion.then((conversion) => stored(revision.text, conversion));
        // Awaited in turn when its event comes out; until then a failure is not unhandled.
        converted.catch(() => undefined);
        remembered.set(revision.sha1, { text: revision.text, converted });
        if (remembered.size > REMEMBERED_PER_PAGE) remembered.delete(remembered.keys().next().value!);
        queue.push({ event, chars: size, job, converted });
      }
      const head = queue.shift();
      if (!head) return;
      chars -= head.chars;
      if (head.event.type !== 'revision') {
        yield head.event;
        continue;
      }
      // Its batch is not full yet, but nothing can come out until it is converted.
      if (head.job && !head.job.sent) converter.flush();
      yield { ...head.event, converted: head.converted ? await head.converted : passThrough(head.event.revision) };
    }
  } finally {
    await input.return?.();
    await converter.close();
  }
}

/**
 * Sends batches to the worker threads, one per thread at a time: a batch's time limit starts when
 * it is sent, so it must not wait in piscina's queue behind others. A batch that fails (time
 * limit, out of memory, or a bug) is converted again one revision at a time, to find which one.
 */
class Converter {
  private readonly threads = Math.max(1, availableParallelism() - 1);
  private readonly pool = new Piscina({
    // Resolved from the project folder, as the renderer's worker is (lib/server/render.ts).
    filename: path.join(process.cwd(), 'lib/workers/convert-wikitext.ts'),
    execArgv: ['--import', 'tsx'],
    minThreads: 0,
    maxThreads: this.threads,
    // Kept until the import ends (close): a restarted worker's second of start-up would count
    // against the next batch's time limit.
    idleTimeout: Infinity,
    // Its own heap ceiling, as the renderer's: a huge page's syntax tree needs hundreds of MB.
    resourceLimits: { maxOldGenerationSizeMb: 1536 },
  });
  /** Loading the converter into a thread takes a second or more: not part of any batch's time. */
  private warm: Promise<unknown> | null = null;
  private open: Job[] = [];
  private readonly ready: Job[][] = [];
  private running = 0;
  private closed = false;

  constructor(
    private readonly batchSize: number,
    private readonly budgetMs: (chars: number) => number,
  ) {
    // Piscina reports here what belongs to no task: a reply that arrives after `close` dropped its
    // task, or an idle thread's crash (the next batch fails on its own then). Unheard, it would
    // end the process.
    this.pool.on('error', () => undefined);
  }

  add(title: string, text: string, where: string): Job {
    const settle: Pick<Job, 'resolve' | 'reject'> = { resolve: () => undefined, reject: () => undefined };
    const conversion = new Promise<WikitextConversion>((resolve, reject) => Object.assign(settle, { resolve, reject }));
    const job: Job = { title, text, where, sent: false, conversion, ...settle };
    this.open.push(job);
    if (this.open.length >= this.batchSize) this.flush();
    return job;
  }

  /** The open batch goes to the workers (or waits for a free one), full or not. */
  flush(): void {
    if (this.open.length === 0) return;
    for (const job of this.open) job.sent = true;
    this.ready.push(this.open);
    this.open = [];
    this.dispatch();
  }

  private dispatch(): void {
    while (this.running < this.threads && this.ready.length > 0) {
      const batch = this.ready.shift()!;
      this.running += 1;
      void this.convertBatch(batch).finally(() => {
        this.running -= 1;
        this.dispatch();
      });
    }
  }

  private async convertBatch(batch: Job[]): Promise<void> {
    try {
      const results = await this.run(batch);
      batch.forEach((job, i) => job.resolve(results[i]!));
    } catch {
      for (const job of batch) await this.convertOne(job);
    }
  }

  private async convertOne(job: Job): Promise<void> {
    try {
      const [result] = await this.run([job]);
      job.resolve(result!);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const abort = error instanceof Error && error.name === 'AbortError';
      if (this.closed || !(abort || code === 'ERR_WORKER_OUT_OF_MEMORY')) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        job.reject(new Error(`Converting ${job.where} from wikitext failed: ${reason}`, { cause: error }));
        return;
      }
      const budget = this.budgetMs(job.text.length);
      const limit = budget >= 1000 ? `${Math.round(budget / 1000)} s` : `${Math.round(budget)} ms`;
      const why = abort ? `converting took longer than ${limit}` : 'converting ran out of memory';
      job.resolve({
        markdown: plainFallback(job.text.replace(/\r\n?/gu, '\n')),
        issues: [{ construct: 'conversion time limit', line: 1, detail: `kept as plain text: ${why} (the original is kept)` }],
      });
    }
  }

  private async run(batch: Job[]): Promise<WikitextConversion[]> {
    if (this.closed) throw new Error('the import stopped');
    // After a batch's thread was terminated a new one starts: that start-up is not the batch's time.
    this.warm ??= Promise.all(Array.from({ length: this.threads }, () => this.pool.run({ items: [] } satisfies ConvertTask)));
    await this.warm;
    const chars = batch.reduce((sum, job) => sum + job.text.length, 0);
    const task: ConvertTask = { items: batch.map(({ title, text }) => ({ title, text })) };
    try {
      return (await this.pool.run(task, { signal: AbortSignal.timeout(Math.ceil(this.budgetMs(chars))) })) as WikitextConversion[];
    } catch (error) {
      this.warm = null;
      throw error;
    }
  }

  /** Stops the threads; conversions still running are dropped (the consumer has stopped). */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of [...this.open, ...this.ready.flat()]) job.reject(new Error('the import stopped'));
    await this.pool.destroy();
  }
}
