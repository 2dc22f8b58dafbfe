import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { verifyPassword } from '@/lib/server/passwords';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-database';
import { runWikiCli, type CliResult } from '../support/wiki-cli';

/**
 * The process boundary of `npm run wiki -- …`: real stdin, exit codes and stderr, three spawns.
 * What each command does is checked in process (tests/integration/cli-commands.test.ts): a spawn
 * costs 3-5 CPU-seconds.
 */
let database: ThrowawayDatabase;
beforeAll(async () => {
  database = await createThrowawayDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** Runs `npm run wiki -- …` on this file's database. */
function wiki(args: string[], stdin?: string): Promise<CliResult> {
  return runWikiCli(args, { DATABASE_URL: database.url }, stdin ?? '');
}

async function query<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('maintenance CLI (npm run wiki -- …) as a process', () => {
  it('creates a user with the password piped on stdin, never echoing it, and prints the token on the last line', async () => {
    const created = await wiki(['user:create', 'cli fan', '--password-stdin', '--token'], 'a very long cli passphrase\n');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created user "Cli fan"');
    expect(created.stdout).not.toContain('a very long cli passphrase');
    const lastLine = created.stdout.trim().split('\n').at(-1)!;
    expect(lastLine).toMatch(/^wiki_[A-Za-z0-9_-]{40,}$/);

    // Stored in DATABASE_URL's database: the piped line without its line break, the token hashed.
    const [user] = await query<{ password_hash: string }>('SELECT password_hash FROM users WHERE name = $1', ['Cli fan']);
    expect(await verifyPassword('a very long cli passphrase', user!.password_hash)).toBe(true);
    const [stored] = await query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(stored!.token_hash).not.toBe(lastLine);
  });

  it('explains bad input in one line on stderr with exit code 1 and no stack trace', async () => {
    const weak = await wiki(['user:create', 'Weak fan', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).not.toMatch(/^\s+at /m);
    expect(weak.stderr).toMatch(/^[^\n]*at least 12 characters[^\n]*\n$/);
    expect(weak.stdout).toBe('');
  });

  it('exits with code 2 and the usage for an unknown command', async () => {
    const unknown = await wiki(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "frobnicate"\.\nUsage: npm run wiki -- <command>\n/);
  });
});
