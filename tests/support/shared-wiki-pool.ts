import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The administrator every shared wiki has from the start (made by the maintenance CLI before the
 * server starts, as on a real wiki): files that test administrators' tools sign in with it.
 */
export const SHARED_WIKI_ADMIN = { name: 'Pool steward', password: 'the pool steward keeps every shared wiki tidy' } as const;

/** The bot account every shared wiki has from the start, with an API token (for REST writes). */
export const SHARED_WIKI_BOT = 'Pool bot';

/** A wiki the pool started: where it answers, what it printed, how to stop it and drop its data. */
export interface PooledWiki {
  baseUrl: string;
  /** The API token of SHARED_WIKI_BOT. */
  botToken: string;
  output(): string;
  stop(): Promise<void>;
}

export interface WikiPool {
  /** Where files ask for a wiki (useSharedWiki in tests/support/e2e-suite.ts). */
  url: string;
  /** Wikis started so far (for the run's log). */
  started(): number;
  /** Stops every wiki and the pool's server. */
  close(): Promise<void>;
}

/**
 * The files of this run that will borrow a wiki, named by the sequencer (slowest-first.ts) once it
 * knows the run's files: kept on globalThis because Vitest loads the config's modules and the
 * global setup's separately, in the same process.
 */
const registry = globalThis as typeof globalThis & { wikiPoolBorrowers?: Set<string> };

export function expectBorrowers(files: string[]): void {
  registry.wikiPoolBorrowers ??= new Set();
  for (const file of files) registry.wikiPoolBorrowers.add(file);
}

interface Entry {
  id: number;
  wiki: Promise<PooledWiki>;
  leased: boolean;
}

/**
 * Lends ordinary wikis to end-to-end files, one file at a time per wiki, from Vitest's main process
 * (the e2e global setup). A file that needs only an ordinary wiki (no settings or accounts of its
 * own) borrows one instead of starting its own: each `npm start`, its Next.js server's first pages
 * and its database's first queries are paid once per wiki instead of once per file (17 files:
 * 515 → 375 CPU-s, docs/testing.md). A wiki is lent to one file at a time, so no file ever sees another's requests
 * while it runs; what it sees is what files before it left (pages, accounts, revisions), which is
 * what a wiki in use looks like.
 *
 * A lease is one HTTP request held open: the first line of the answer names the wiki, and the wiki
 * returns to the pool when the connection closes, whether the file released it or its process
 * ended, so a crashed file cannot keep a wiki from the others. At most `size` wikis run; a file
 * that finds them all lent waits for the first one returned. `start` makes a wiki on demand.
 */
export async function startWikiPool(options: { size: number; start: () => Promise<PooledWiki> }): Promise<WikiPool> {
  const entries: Entry[] = [];
  const waiting: ((entry: Entry) => void)[] = [];
  const retired: Promise<unknown>[] = [];
  let started = 0;
  let asked = 0;

  // A wiki no file will ask for again is stopped at once instead of idling to the end of the run
  // (about a CPU-second a minute each): when fewer files are still to ask than wikis are free.
  const giveBack = (entry: Entry) => {
    const next = waiting.shift();
    if (next) return next(entry);
    entry.leased = false;
    const expected = registry.wikiPoolBorrowers?.size;
    if (expected !== undefined && expected - asked < entries.filter((other) => !other.leased).length) {
      entries.splice(entries.indexOf(entry), 1);
      retired.push(entry.wiki.then((wiki) => wiki.stop()).catch(() => undefined));
    }
  };

  const lease = (): Promise<Entry> => {
    asked += 1;
    const free = entries.find((entry) => !entry.leased);
    if (free) {
      free.leased = true;
      return Promise.resolve(free);
    }
    if (entries.length < options.size) {
      started += 1;
      const entry: Entry = { id: started, wiki: options.start(), leased: true };
      entries.push(entry);
      return Promise.resolve(entry);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };

  const answerLease = async (response: http.ServerResponse) => {
    let closed = false;
    response.on('close', () => (closed = true));
    const entry = await lease();
    // The wiki returns when the answer closes: the file released it, or its process ended (a file
    // that ended while it waited no longer wants the wiki it is granted).
    if (closed) return giveBack(entry);
    response.on('close', () => giveBack(entry));
    try {
      const wiki = await entry.wiki;
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.write(`${JSON.stringify({ id: entry.id, baseUrl: wiki.baseUrl, botToken: wiki.botToken })}\n`);
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(`The shared wiki did not start: ${(error as Error).message}`);
    }
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://pool');
    if (request.method === 'POST' && url.pathname === '/lease') return void answerLease(response);
    const output = /^\/output\/(\d+)$/.exec(url.pathname);
    const entry = output && entries.find((candidate) => candidate.id === Number(output[1]));
    if (request.method === 'GET' && entry) {
      return void entry.wiki.then(
        (wiki) => response.writeHead(200, { 'content-type': 'text/plain' }).end(wiki.output()),
        (error: Error) => response.writeHead(200, { 'content-type': 'text/plain' }).end(error.message),
      );
    }
    response.writeHead(404).end();
  });
  // A lease lasts as long as its file: no time limit on the connection.
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    started: () => started,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await Promise.all([...retired, ...entries.map((entry) => entry.wiki.then((wiki) => wiki.stop()).catch(() => undefined))]);
    },
  };
}
