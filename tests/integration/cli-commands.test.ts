import '../support/database';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/server/db';
import { refreshDerivedDataIfStale } from '@/lib/server/derived/rebuild';
import { runWikiCommand } from '../../scripts/lib/wiki-commands';

/**
 * The maintenance commands of `npm run wiki -- …`, run in this process on this file's database
 * (already migrated: the command just runs). tests/e2e/cli.test.ts spawns the real CLI for what
 * only a process shows: stdin, exit codes, stderr.
 */
async function wiki(args: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runWikiCommand(args, {
    out: (line) => out.push(`${line}\n`),
    err: (line) => err.push(`${line}\n`),
    stdin: async () => stdin,
    withDatabase: (run) => run(),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function query<T>(sql: string, ...values: unknown[]): Promise<T[]> {
  return getDb().$queryRawUnsafe<T[]>(sql, ...values);
}

describe('maintenance commands (npm run wiki -- …), in process', () => {
  it('creates a user with a password from stdin, promotes them and issues a token on the last line', async () => {
    const created = await wiki(['user:create', 'cli fan', '--password-stdin'], 'a very long cli passphrase\n');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Created user "Cli fan"');
    expect(created.stdout).not.toContain('a very long cli passphrase');

    expect((await wiki(['user:promote', 'Cli_fan', '--reason=runs the wiki'])).stdout).toContain('now an administrator');
    const [row] = await query<{ role: string; password_hash: string }>('SELECT role::text AS role, password_hash FROM users WHERE name = $1', 'Cli fan');
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

  it('blocks and unblocks as a named administrator, logging each step with its reason', async () => {
    expect((await wiki(['user:create', 'Cli admin', '--admin', '--password-stdin'], 'a very long admin passphrase\n')).code).toBe(0);
    expect((await wiki(['user:create', 'Cli vandal', '--as=Cli admin', '--reason=requested by email', '--password-stdin'], 'a very long vandal passphrase\n')).code).toBe(0);

    const missingAdmin = await wiki(['block', 'Cli vandal', '--reason=spam']);
    expect(missingAdmin.code).not.toBe(0);
    expect(missingAdmin.stderr).toContain('--as=<admin name>');
    const past = await wiki(['block', 'Cli vandal', '--reason=spam', '--expiry=2001-01-01', '--as=Cli admin']);
    expect(past.stderr).toContain('The expiry must be in the future.');

    const blocked = await wiki(['block', 'cli_vandal', '--reason=spam links', '--expiry=2 weeks', '--as=Cli admin']);
    expect(blocked.code, blocked.stderr).toBe(0);
    expect(blocked.stdout).toMatch(/Blocked "Cli vandal" sitewide until \d{4}-/);
    const [block] = await query<{ reason: string; sitewide: boolean }>(
      'SELECT reason, sitewide FROM blocks b JOIN users u ON u.id = b.user_id WHERE u.name = $1',
      'Cli vandal',
    );
    expect(block).toEqual({ reason: 'spam links', sitewide: true });

    expect((await wiki(['unblock', 'Cli vandal', '--reason=appeal', '--as=Cli admin'])).stdout).toContain('Unblocked "Cli vandal"');
    const log = await query<{ type: string; action: string; comment: string }>("SELECT type, action, comment FROM log_entries WHERE title = 'Cli_vandal' ORDER BY id");
    expect(log).toEqual([
      { type: 'newusers', action: 'create2', comment: 'requested by email' },
      { type: 'block', action: 'block', comment: 'spam links' },
      { type: 'block', action: 'unblock', comment: 'appeal' },
    ]);
  });

  it("hides a revision's summary as a named administrator, refusing to hide the current text", async () => {
    expect((await wiki(['seed'])).code).toBe(0);
    // Seeded from empty by today's renderer: the next npm start has nothing to render again.
    expect(await refreshDerivedDataIfStale()).toBeNull();
    expect((await wiki(['user:create', 'Cli steward', '--admin', '--password-stdin'], 'a very long steward passphrase\n')).code).toBe(0);
    const [revision] = await query<{ id: number }>("SELECT p.latest_revision_id AS id FROM pages p WHERE p.title = 'ECPAT'");
    const id = String(revision!.id);

    const text = await wiki(['revision:visibility', id, '--hide=text', '--reason=abuse', '--as=Cli steward']);
    expect(text.code).not.toBe(0);
    expect(text.stderr).toContain('Edit the page first');
    const hidden = await wiki(['revision:visibility', id, '--hide=summary,user', '--reason=personal data', '--as=Cli steward']);
    expect(hidden.code, hidden.stderr).toBe(0);
    expect(hidden.stdout).toContain(`Revision ${id}: summary, user hidden from non-admins.`);
    const [row] = await query<{ hidden: number }>('SELECT hidden FROM revisions WHERE id = $1', revision!.id);
    expect(row!.hidden).toBe(2 | 4);
    const [log] = await query<{ action: string; comment: string }>("SELECT action, comment FROM log_entries WHERE type = 'delete' ORDER BY id DESC LIMIT 1");
    expect(log).toEqual({ action: 'revision', comment: 'personal data' });
  });

  it("rebuilds every page's search document from its current text (derived:rebuild)", async () => {
    expect((await wiki(['seed'])).code).toBe(0);
    // A search document left behind by another renderer, as after an upgrade.
    await getDb().$executeRawUnsafe("UPDATE search_documents SET body_text = 'stale words', vector = to_tsvector('simple', 'stale words')");
    const rebuilt = await wiki(['derived:rebuild']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    const [{ pages }] = (await query<{ pages: number }>('SELECT count(*)::int AS pages FROM pages WHERE latest_revision_id IS NOT NULL')) as [{ pages: number }];
    expect(rebuilt.stdout).toContain(`Rebuilt the derived data of ${pages} page(s).`);
    expect(await query("SELECT page_id FROM search_documents WHERE body_text = 'stale words' OR vector @@ to_tsquery('simple', 'stale')")).toEqual([]);
    const ecpat = await query("SELECT 1 FROM search_documents d JOIN pages p ON p.id = d.page_id WHERE p.title = 'ECPAT' AND d.vector @@ to_tsquery('simple', 'ecpat')");
    expect(ecpat).toHaveLength(1);
  });

  it('explains bad input with exit code 1 and no stack trace', async () => {
    const weak = await wiki(['user:create', 'Weak fan', '--password-stdin'], 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/at least 12 characters/);
    expect(weak.stderr).not.toMatch(/^\s+at /m);
    const unknown = await wiki(['user:promote', 'Nobody here', '--reason=test']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no user named "Nobody here"');
    const noReason = await wiki(['user:promote', 'Cli fan']);
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toContain('Give a reason');
  });

  it('answers an unknown or missing command with the usage and exit code 2', async () => {
    const unknown = await wiki(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "frobnicate"\.\nUsage: npm run wiki -- <command>\n {2}seed /);
    // A name every object has is no command either.
    expect((await wiki(['toString'])).code).toBe(2);
    const none = await wiki([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^Usage: npm run wiki -- <command>\n/);
    expect(none.stdout).toBe('');
  });
});
