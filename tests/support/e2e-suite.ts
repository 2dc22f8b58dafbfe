import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { reportFailure } from './failure-report';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database';
import { prepareEmbeddedDataDir, startWiki, type RunningWiki } from './wiki-server';
import { launchBrowser } from './browser';
import { printedToken, runWikiCommands } from './wiki-cli';
import type { BatchCommand } from './wiki-commands-format';
import { SHARED_WIKI_ADMIN, SHARED_WIKI_BOT } from './shared-wiki-pool';

/** An account the maintenance CLI creates before the wiki starts. */
export interface SuiteUser {
  name: string;
  /** Given on stdin (--password-stdin); none for a bot that only uses its token. */
  password?: string;
  admin?: boolean;
  /** Also create an API token (--token); suite.token(name) gives it. */
  token?: boolean;
}

/** `npm run wiki -- user:create …` for a suite's account. */
function accountCommand(user: SuiteUser): BatchCommand {
  const flags = [user.admin && '--admin', user.password !== undefined && '--password-stdin', user.token && '--token'].filter((flag) => typeof flag === 'string');
  return { argv: ['user:create', user.name, ...flags], stdin: user.password === undefined ? '' : `${user.password}\n` };
}

/**
 * One production wiki (npm start's script) on a fresh database plus one Chromium for a test file:
 * PostgreSQL when DATABASE_URL is set, the embedded PGlite otherwise. Call at the top of the file;
 * `admins` and `users` are created before the wiki starts, then `commands` run, all by one process
 * (runWikiCommands); `env` adds variables for the server and the CLI (e.g. TRUST_PROXY; undefined
 * removes one). `beforeStart` runs after them and before the server starts (e.g. an import).
 */
export function useWikiInBrowser(
  options: {
    admins?: { name: string; password: string }[];
    users?: SuiteUser[];
    env?: Record<string, string | undefined>;
    /** Maintenance commands (`npm run wiki -- …` arguments) run after the accounts are made, in the same process. */
    commands?: string[][];
    beforeStart?: (env: Record<string, string | undefined>) => Promise<void>;
  } = {},
): {
  wiki: () => RunningWiki;
  browser: () => Browser;
  token: (name: string) => string;
} {
  let wiki: RunningWiki | undefined;
  let browser: Browser | undefined;
  let database: ThrowawayDatabase | undefined;
  let dataDir: string | undefined;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'wiki-e2e-'));
    database = process.env.DATABASE_URL ? await createThrowawayDatabase() : undefined;
    const env = { DATABASE_URL: database?.url, WIKI_DATA_DIR: dataDir, ...options.env };
    // Accounts come from the maintenance commands, as on a real wiki, all in one process
    // (runWikiCommands); before the server starts, because the embedded database admits one
    // process at a time.
    const users: SuiteUser[] = [...(options.admins ?? []).map((admin) => ({ ...admin, admin: true })), ...(options.users ?? [])];
    const commands = [...users.map(accountCommand), ...(options.commands ?? []).map((argv) => ({ argv, stdin: '' }))];
    if (commands.length > 0) {
      await prepareEmbeddedDataDir(env);
      const results = await runWikiCommands(commands, env);
      users.forEach((user, i) => {
        if (user.token) tokens.set(user.name, printedToken(results[i]!.stdout));
      });
    }
    await options.beforeStart?.(env);
    wiki = await startWiki(env);
    browser = await launchBrowser();
  });

  // A failed test leaves what it saw: the server's last lines and each open page (address,
  // screenshot, the edit form's state) in the log, where CI output keeps them.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && wiki && browser) await reportFailure(task.name, wiki.output, browser);
  });

  afterAll(async () => {
    await browser?.close();
    await wiki?.stop();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return {
    wiki: () => wiki!,
    browser: () => browser!,
    token: (name) => {
      const token = tokens.get(name);
      if (token === undefined) throw new Error(`No token was created for ${name}`);
      return token;
    },
  };
}

/** A wiki borrowed from the run's pool (tests/support/shared-wiki-pool.ts) until released. */
export interface SharedWikiLease {
  id: number;
  baseUrl: string;
  botToken: string;
  release(): void;
}

/** Asks the pool for a wiki and holds the answer open: closing it gives the wiki back. */
export function leaseSharedWiki(poolUrl: string): Promise<SharedWikiLease> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${poolUrl}/lease`, { method: 'POST' }, (response) => {
      let received = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        received += chunk;
        const lineEnd = received.indexOf('\n');
        if (response.statusCode !== 200 || lineEnd < 0) return;
        const granted = JSON.parse(received.slice(0, lineEnd)) as Omit<SharedWikiLease, 'release'>;
        resolve({ ...granted, release: () => request.destroy() });
      });
      response.on('end', () => reject(new Error(received || `The wiki pool answered ${response.statusCode}`)));
    });
    request.on('error', reject);
    request.end();
  });
}

export interface SharedWiki {
  wiki: () => { baseUrl: string };
  /** The administrator the wiki was made with (name and password). */
  admin: typeof SHARED_WIKI_ADMIN;
  /** The bot account the wiki was made with, and its API token. */
  bot: () => { name: string; token: string };
}

/**
 * An ordinary wiki (as `npm start` makes it: the seeded pages, default settings, high per-address
 * limits for sign-ups and uploads, an administrator and a bot with a token) borrowed for the whole
 * file from the run's pool: for files that need nothing of their own before the wiki starts. Files
 * borrow a wiki one at a time, so none sees another's requests while it runs; but the wiki keeps
 * what earlier files did. A file using it therefore works with pages and accounts of its own (names
 * no other file uses), or with seeded pages as they are now (a revision it made, not the history's
 * length), as on a wiki in use.
 */
export function useSharedWiki(): SharedWiki {
  let lease: SharedWikiLease | undefined;
  beforeAll(async () => {
    lease = await leaseSharedWiki(inject('sharedWikiPool'));
  });
  afterAll(() => lease?.release());
  return {
    wiki: () => lease!,
    admin: SHARED_WIKI_ADMIN,
    bot: () => ({ name: SHARED_WIKI_BOT, token: lease!.botToken }),
  };
}

/** useSharedWiki plus one Chromium for the file; a failed test reports the server's last lines and its pages. */
export function useSharedWikiInBrowser(): SharedWiki & { browser: () => Browser } {
  const shared = useSharedWiki();
  let browser: Browser | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail' || !browser) return;
    const pool = inject('sharedWikiPool');
    const { id } = shared.wiki() as SharedWikiLease;
    await reportFailure(task.name, async () => (await fetch(`${pool}/output/${id}`)).text(), browser);
  });

  afterAll(async () => {
    await browser?.close();
  });

  return { ...shared, browser: () => browser! };
}
