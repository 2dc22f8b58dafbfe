import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-database';
import { projectRoot } from '../support/wiki-server';

let database: ThrowawayDatabase;
beforeAll(async () => {
  database = await createThrowawayDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** Runs `npm run wiki -- …` as an operator would (same script, same flags). */
function wiki(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/wiki.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: database.url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(stdin ?? '');
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
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

describe('maintenance CLI (npm run wiki -- …)', () => {
  it('creates a user with a password from stdin, promotes them and issues a token on the last line', async () => {
    const created = await wiki(['user:create', 'cli fan', '--password-stdin'], 'a very long cli passphrase\n');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created user "Cli fan"');
    expect(created.stdout).not.toContain('a very long cli passphrase');

    expect((await wiki(['user:promote', 'Cli_fan'])).stdout).toContain('now an administrator');
    const [row] = await query<{ role: string; password_hash: string }>('SELECT role, password_hash FROM users WHERE name = $1', ['Cli fan']);
    expect(row).toMatchObject({ role: 'ADMIN' });
    expect(row!.password_hash).toMatch(/^scrypt\$/);

    const token = await wiki(['token:create', 'Cli fan', 'my bot']);
    const lastLine = token.stdout.trim().split('\n').at(-1)!;
    expect(lastLine).toMatch(/^wiki_[A-Za-z0-9_-]{40,}$/);
    const [stored] = await query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(stored!.token_hash).not.toBe(lastLine);

    const listed = await wiki(['token:list', 'Cli fan']);
    expect(listed.stdout).toMatch(/\tmy bot\t.*last used never/);
    expect(listed.stdout).not.toContain(lastLine);
  });

  it('generates a password and prints it once when none is piped in', async () => {
    const created = await wiki(['user:create', 'Generated fan']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Password \(shown once\): \S{20,}/);
  });

  it('explains bad input with a non-zero exit and no stack trace', async () => {
    const weak = await wiki(['user:create', 'Weak fan', '--password-stdin'], 'short\n');
    expect(weak.code).not.toBe(0);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    expect(weak.stderr).not.toMatch(/^\s+at /m);
    const unknown = await wiki(['user:promote', 'Nobody here']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('There is no user called');
    expect((await wiki(['frobnicate'])).code).toBe(2);
  });
});
