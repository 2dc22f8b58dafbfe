import { uniqueTitle } from '../support/database';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';

// lib/server/auth.ts reads the secret when it is first imported: set it before any import runs.
const SECRET = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'asvs-test-secret-0123456789abcdef';
  return process.env.NEXTAUTH_SECRET;
});

import { proxy } from '@/proxy';
import { authOptions } from '@/lib/server/auth';
import { changeOwnPassword, createAccount, verifyCredentials } from '@/lib/server/accounts';
import { credentialsFromRequest } from '@/lib/server/session';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { addTopic } from '@/lib/server/add-topic';
import { rollback } from '@/lib/server/revert';
import { getDb } from '@/lib/server/db';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';
import { MAX_FORM_BODY_BYTES } from '@/lib/domain/http-security';
import { sessionCookie } from '../support/rest-client';

/*
 * OWASP ASVS level-2 checks that are not already tested elsewhere (docs/security.md lists where
 * each check lives).
 */

const root = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'a long and unusual passphrase';
let n = 0;
const freshName = () => `Asvs ${process.pid} ${Date.now()} ${++n}`;
const freshIp = () => `10.77.${n % 250}.${Math.floor(Math.random() * 250)}`;

async function actorWithCookie(cookie: string): Promise<Actor> {
  const request = new Request('http://wiki.test/w/rest.php/v1/page/X', { headers: { cookie } });
  return (await credentialsFromRequest(request)).actor;
}

async function newAccountWithCookie(password = PASSWORD) {
  const account = await createAccount({ username: freshName(), password }, null);
  const cookie = await sessionCookie({ ...account, token: '', tokenId: 0 }, SECRET);
  return { account, cookie };
}

describe('passwords (ASVS V6)', () => {
  it('accepts a 200-character password whole: one differing only at the 150th character fails', async () => {
    const password = Array.from({ length: 200 }, (_, i) => 'abcdefghij'[i % 10]).join('');
    const account = await createAccount({ username: freshName(), password }, null);
    await expect(verifyCredentials(account.name, password, freshIp())).resolves.toMatchObject({ id: account.id });
    const differentAt150 = `${password.slice(0, 149)}Z${password.slice(150)}`;
    await expect(verifyCredentials(account.name, differentAt150, freshIp())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('salts every hash (same password, different hashes) with scrypt at N ≥ 2^15', async () => {
    const first = await createAccount({ username: freshName(), password: PASSWORD }, null);
    const second = await createAccount({ username: freshName(), password: PASSWORD }, null);
    const rows = await getDb().user.findMany({ where: { id: { in: [first.id, second.id] } }, select: { passwordHash: true } });
    const [a, b] = rows.map((row) => row.passwordHash!);
    expect(a).not.toBe(b);
    for (const hash of [a!, b!]) {
      const [scheme, cost, blockSize] = hash.split('$');
      expect(scheme).toBe('scrypt');
      expect(Number(cost)).toBeGreaterThanOrEqual(2 ** 15);
      expect(Number(blockSize)).toBeGreaterThanOrEqual(8);
    }
  });

  it('changes a password only with the current one, and the change ends the old session', async () => {
    const { account, cookie } = await newAccountWithCookie();
    expect((await actorWithCookie(cookie)).userId).toBe(account.id);

    await expect(changeOwnPassword(account.id, 'not the password at all', 'a brand new passphrase 42', freshIp())).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      fieldErrors: { currentPassword: 'Your current password is not correct.' },
    });
    expect((await actorWithCookie(cookie)).userId).toBe(account.id); // nothing changed

    await changeOwnPassword(account.id, PASSWORD, 'a brand new passphrase 42', freshIp());
    expect((await actorWithCookie(cookie)).userId).toBeNull(); // replaying the old cookie fails
    await expect(verifyCredentials(account.name, 'a brand new passphrase 42', freshIp())).resolves.toMatchObject({ id: account.id });
  });
});

describe('sessions (ASVS V7)', () => {
  it('ends the session at sign-out: replaying the old cookie is anonymous', async () => {
    const { account, cookie } = await newAccountWithCookie();
    expect((await actorWithCookie(cookie)).userId).toBe(account.id);
    await authOptions.events!.signOut!({ token: { uid: account.id }, session: null as never });
    expect((await actorWithCookie(cookie)).userId).toBeNull();
  });
});

describe('cross-site writes and oversized bodies (proxy.ts, every Server Action and sign-in)', () => {
  const post = (pathname: string, headers: Record<string, string>) =>
    proxy(new NextRequest(`http://wiki.test${pathname}`, { method: 'POST', headers: { host: 'wiki.test', ...headers } }));
  const action = { 'next-action': '7f00ddee', 'content-type': 'text/plain;charset=UTF-8' };

  it.each([
    ['a Server Action from another site', '/wiki/Some_page?action=edit', { ...action, origin: 'https://evil.example' }],
    ['a Server Action from a look-alike port', '/wiki/Some_page', { ...action, origin: 'http://wiki.test:8080' }],
    ['a Server Action from an opaque origin', '/wiki/Some_page', { ...action, origin: 'null' }],
    ['a Server Action the browser marks cross-site', '/wiki/Some_page', { ...action, 'sec-fetch-site': 'cross-site' }],
    ['a sign-in from another site', '/api/auth/callback/credentials', { origin: 'https://evil.example' }],
    ['a sign-out from another site', '/api/auth/signout', { origin: 'https://evil.example' }],
    ['a future form post anywhere', '/wiki/Special:Anything', { origin: 'https://evil.example' }],
  ])('refuses %s with 403', async (_label, pathname, headers) => {
    const response = await post(pathname, headers);
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/only accepted from this wiki's own pages/u);
  });

  it('lets same-site writes and requests without Origin (scripts) through, and all reads', async () => {
    expect((await post('/wiki/Some_page', { ...action, origin: 'http://wiki.test' })).headers.get('x-middleware-next')).toBe('1');
    expect((await post('/api/auth/signout', {})).headers.get('x-middleware-next')).toBe('1');
    const read = await proxy(new NextRequest('http://wiki.test/wiki/Some_page', { headers: { origin: 'https://evil.example' } }));
    expect(read.status).toBe(200);
  });

  it('answers 413 to a form post declaring more than the limit, before reading it', async () => {
    const big = await post('/wiki/Some_page', { ...action, origin: 'http://wiki.test', 'content-length': String(MAX_FORM_BODY_BYTES + 1) });
    expect(big.status).toBe(413);
    const fits = await post('/wiki/Some_page', { ...action, origin: 'http://wiki.test', 'content-length': String(MAX_FORM_BODY_BYTES) });
    expect(fits.headers.get('x-middleware-next')).toBe('1');
  });
});

describe('anonymous and under-privileged writes (ASVS V4)', () => {
  it('refuses every write of the Server Actions to anonymous readers and rollback to non-admins', async () => {
    const { account } = await newAccountWithCookie();
    const registered: Actor = { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(), editCount: 0, blocked: null };
    const title = parseTitle(uniqueTitle('Asvs page'));
    const saved = await editPage(registered, { title, content: 'first', summary: '', minor: false, baseRevisionId: null }, freshIp());
    if (saved.status === 'conflict') throw new Error('conflict');
    const denied = { code: expect.stringMatching(/^(?:FORBIDDEN|UNAUTHENTICATED)$/u) };

    await expect(editPage(ANONYMOUS, { title, content: 'vandal', summary: '', minor: false, baseRevisionId: saved.revisionId }, freshIp())).rejects.toMatchObject(denied);
    await expect(movePage(ANONYMOUS, { from: title, to: parseTitle(uniqueTitle()), reason: 'x', leaveRedirect: true, moveTalk: false })).rejects.toMatchObject(denied);
    await expect(addTopic(ANONYMOUS, { title: parseTitle(`Talk:${title.prefixedText}`), subject: 'x', content: 'y' }, freshIp())).rejects.toMatchObject(denied);
    const page = await getDb().page.findUniqueOrThrow({ where: { namespace_title: { namespace: title.namespace, title: title.dbKey } } });
    await expect(rollback(registered, page.id, saved.revisionId)).rejects.toMatchObject(denied);
  });

  it('every Server Action takes its actor from the session, never from the form', () => {
    // Server Actions are public HTTP endpoints: one that skipped getActor() would act for nobody in
    // particular. Exceptions: creating an account (anyone may; throttled per IP), previews (read-only)
    // and choosing the interface language (sets the reader's own cookie, touches no data).
    const allowed = new Set(['createAccountAction', 'previewMarkdown', 'chooseLanguage']);
    const missing: string[] = [];
    for (const file of readdirSync(path.join(root, 'app/actions'))) {
      const source = readFileSync(path.join(root, 'app/actions', file), 'utf8');
      if (!source.startsWith("'use server'")) continue;
      for (const match of source.matchAll(/export async function (\w+)\([^)]*\)[^{]*\{([\s\S]*?)\n\}/gu)) {
        const [, name, body] = match;
        if (!allowed.has(name!) && !/\bgetActor\(\)|\bactorOrError\(|\brequireActor\(/u.test(body!)) missing.push(`${file}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('configuration (ASVS V14)', () => {
  it('refuses to start the production server without NEXTAUTH_SECRET or AUTH_SECRET, in one line', () => {
    const env = { ...process.env };
    delete env.NEXTAUTH_SECRET;
    delete env.AUTH_SECRET;
    const run = spawnSync(process.execPath, ['runtime/server.mjs'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Cannot start the wiki: set NEXTAUTH_SECRET \(or AUTH_SECRET\)/u)]);
  });
});

/**
 * Places where SQL is built from strings on purpose, each with why it is safe. Everything else
 * must go through Prisma's tagged templates ($queryRaw`…${value}…`, Prisma.sql) or `pg` with $1
 * parameters.
 */
const SQL_ALLOW_LIST: Record<string, string> = {
  'lib/db/migrate.ts|client.query(migration.sql)': 'runs the migration files of prisma/migrations, which are code',
  'lib/db/migrate.ts|client.query(`SET lock_timeout': 'a constant; SET takes no parameters',
  'lib/db/migrate.ts|client.query(CREATE_MIGRATIONS_TABLE)': 'a constant DDL statement',
  'runtime/page-cache-listener.mjs|attempt.query(`LISTEN ${PAGE_CACHE_CHANNEL}`)':
    'a constant channel name from lib/domain/page-cache-protocol.mjs; LISTEN takes an identifier, which cannot be a parameter',
  'scripts/bench/database.ts|client.query(sql)':
    "the benchmark's admin helper: SHOW, and CREATE/DROP DATABASE of its own generated scratch name (identifiers cannot be parameters)",
  'scripts/bench/seed.ts|client.query(`SELECT setval(': 'table names from a fixed list in the seeder',
  'lib/server/derived/links.ts|Prisma.raw(': 'a table name from a fixed union of two (page_links, template_links); identifiers cannot be parameters',
  'lib/db/routing-pool.ts|pool.query(config as string, values)':
    'the pool under Prisma and pg-boss hands a statement and its parameters, as given, to the replica it chose: routing adds no SQL',
  'lib/db/routing-pool.ts|super.query(config as string, values)': 'the same statement and parameters, on the primary',
  'lib/db/routing-pool.ts|super.query(sql)': 'CURRENT_POSITION, a constant, passed in by notePrimaryPosition',
  'lib/server/templates/queue.ts|pool.query(text, values)': "pg-boss's own statements (the library's SQL), its values passed as parameters",
  'lib/server/templates/queue.ts|$queryRawUnsafe': "pg-boss's own statements inside the save's transaction, its values passed as parameters",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' || name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(?:ts|tsx|mjs|js)$/u.test(name) ? [full] : [];
  });
}

/** Each call whose SQL is not a literal string without ${…}, or is concatenated. */
function stringBuiltSql(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\$(?:query|execute)RawUnsafe\b|Prisma\.raw\(|\$(?:query|execute)Raw\((?!\s*Prisma\.sql)/gu)) found.push(match[0]);
  for (const match of source.matchAll(/\b\w+\.query\(/gu)) {
    const start = match.index + match[0].length;
    const rest = source.slice(start).trimStart();
    const quote = rest[0];
    let end = -1;
    if (quote === "'" || quote === '"' || quote === '`') {
      for (let i = 1; i < rest.length; i += 1) {
        if (rest[i] === '\\') i += 1;
        else if (rest[i] === quote) {
          end = i;
          break;
        }
      }
    }
    const literal = end > 0 ? rest.slice(0, end + 1) : '';
    const after = end > 0 ? rest.slice(end + 1).trimStart()[0] : '';
    const safe = literal !== '' && !(quote === '`' && literal.includes('${')) && (after === ',' || after === ')');
    if (!safe) found.push(`${match[0]}${rest.slice(0, 40)}`);
  }
  return found;
}

describe('all queries parameterized (ASVS V5.3.4)', () => {
  it('finds no string-built SQL outside the commented allow-list', () => {
    const files = ['lib', 'app', 'scripts', 'runtime'].flatMap((dir) => sourceFiles(path.join(root, dir))).concat(path.join(root, 'proxy.ts'));
    const offenders: string[] = [];
    const used = new Set<string>();
    for (const file of files) {
      const relative = path.relative(root, file);
      for (const call of stringBuiltSql(readFileSync(file, 'utf8'))) {
        const allowed = Object.keys(SQL_ALLOW_LIST).find((key) => key.startsWith(`${relative}|`) && call.startsWith(key.slice(relative.length + 1)));
        if (allowed) used.add(allowed);
        else offenders.push(`${relative}: ${call}`);
      }
    }
    expect(offenders).toEqual([]);
    // An entry nothing needs any more is removed, so the list stays an honest inventory.
    expect(Object.keys(SQL_ALLOW_LIST).filter((key) => !used.has(key))).toEqual([]);
  });

  it('the scanner flags what it must (so a green run means something)', () => {
    expect(stringBuiltSql('db.$queryRawUnsafe(`SELECT ${x}`)')).toHaveLength(1);
    expect(stringBuiltSql('db.$executeRawUnsafe("DELETE")')).toHaveLength(1);
    expect(stringBuiltSql('Prisma.raw(name)')).toHaveLength(1);
    expect(stringBuiltSql('client.query(`SELECT * FROM t WHERE a = ${a}`)')).toHaveLength(1);
    expect(stringBuiltSql("client.query('SELECT * FROM t WHERE a = ' + a)")).toHaveLength(1);
    expect(stringBuiltSql('client.query(sql, [a])')).toHaveLength(1);
    expect(stringBuiltSql("client.query('SELECT $1::int', [a])")).toEqual([]);
    expect(stringBuiltSql('db.$queryRaw`SELECT ${a}`')).toEqual([]);
  });
});
