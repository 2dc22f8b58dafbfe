// Issue 14, finding 5: names that cannot be told apart from another account's. Every place a name
// is made refuses them: sign-up and the maintenance CLI (both createAccount; the CLI is also run
// as an operator would) and the authors of an import.
import '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { importWiki } from '@/lib/server/backup/import';
import { getDb } from '@/lib/server/db';
import { usernameSkeleton } from '@/lib/domain/username-skeleton';
import { oneRevisionExport } from '../support/one-revision-export';
import { runWikiCli } from '../support/wiki-cli';

const PASSWORD = 'a long and unusual passphrase';
let n = 0;
/** A name no other test uses; letters only after the fixed part, so look-alikes are predictable. */
const freshName = (prefix: string) => `${prefix} ${process.pid.toString(36)}${Date.now().toString(36)}${(++n).toString(36)}`;
const CYRILLIC_O = '\u043E';

/** A one-page export whose only revision is by `author`. */
const exportBy = (author: string) => oneRevisionExport({ title: freshName('Spoof import page'), namespace: 0 }, { author, text: 'Imported text' });

const importOf = (xml: string) =>
  importWiki(
    getDb(),
    async function* () {
      yield xml;
    },
    { overwrite: false },
  );
const userNamed = (name: string) => getDb().user.findFirst({ where: { name } });

describe('invisible characters in new names', () => {
  it('refuses a zero-width space at sign-up, saying which character', async () => {
    const name = freshName('Admin');
    await expect(createAccount({ username: `${name}\u200B`, password: PASSWORD }, null)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Usernames cannot contain invisible or formatting characters such as zero-width spaces or direction marks (found U+200B).',
      fieldErrors: { username: expect.stringContaining('U+200B') },
    });
    expect(await getDb().user.count({ where: { name: { startsWith: name } } })).toBe(0);
  });

  it('refuses an import whose author name hides a character, before writing anything', async () => {
    const author = `${freshName('Imported')}\u2060`;
    await expect(importOf(exportBy(author))).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/invisible or formatting character \(U\+2060\)/) });
    expect(await userNamed(author)).toBeNull();
  });

  it('stores an imported author name in NFC', async () => {
    const base = freshName('Imported');
    await importOf(exportBy(`${base} Cafe\u0301`));
    expect(await userNamed(`${base} Caf\u00E9`)).not.toBeNull();
    expect(await userNamed(`${base} Cafe\u0301`)).toBeNull();
  });
});

describe('names that look like an existing account', () => {
  it('refuses a look-alike at sign-up, naming the existing account, and stores skeletons', async () => {
    const original = await createAccount({ username: freshName('Spoof target'), password: PASSWORD }, null);
    const lookalike = original.name.replaceAll('o', CYRILLIC_O);
    expect(lookalike).not.toBe(original.name);
    await expect(createAccount({ username: lookalike, password: PASSWORD }, null)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `The username "${lookalike}" looks too much like the existing account "${original.name}": readers could mistake one for the other. Please choose another one.`,
      fieldErrors: { username: expect.stringContaining(original.name) },
    });
    const row = await getDb().user.findUniqueOrThrow({ where: { id: original.id } });
    expect(row.nameSkeleton).toBe(usernameSkeleton(original.name));
    // The same name again is still "already taken", not a look-alike of itself.
    await expect(createAccount({ username: original.name.toUpperCase(), password: PASSWORD }, null)).rejects.toMatchObject({
      message: expect.stringMatching(/already taken/),
    });
  });

  it('finds look-alikes of accounts made before skeletons existed (upgraded wikis)', async () => {
    const name = freshName('Legacy admin');
    // As the migration leaves every older account: no skeleton yet.
    await getDb().user.create({ data: { name, nameKey: name.toLowerCase(), passwordHash: 'scrypt$1$1$1$x$y' } });
    const lookalike = name.replace('Legacy admin', 'Legacy adrnin');
    await expect(createAccount({ username: lookalike, password: PASSWORD }, null)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(`the existing account "${name}"`),
    });
    expect((await getDb().user.findFirstOrThrow({ where: { name } })).nameSkeleton).toBe(usernameSkeleton(name));
  });

  it('lets two look-alikes race: exactly one is created', async () => {
    const name = freshName('Racer');
    const attempts = await Promise.allSettled([
      createAccount({ username: name, password: PASSWORD }, null),
      createAccount({ username: name.replace('Racer', 'Rac\u0435r'), password: PASSWORD }, null),
    ]);
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(attempts.find((a) => a.status === 'rejected')).toMatchObject({ reason: { code: 'VALIDATION' } });
  });

  it('refuses an import whose new author looks like an existing account', async () => {
    const original = await createAccount({ username: freshName('Import target'), password: PASSWORD }, null);
    const author = original.name.replaceAll('o', CYRILLIC_O);
    await expect(importOf(exportBy(author))).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(`The author name "${author}" looks too much like the account "${original.name}"`),
    });
    expect(await userNamed(author)).toBeNull();
    // The account's own name is matched, not refused.
    await expect(importOf(exportBy(original.name))).resolves.toMatchObject({ usersCreated: 0 });
  });

  it('refuses both through the maintenance CLI, as an operator runs it', async () => {
    const env = { DATABASE_URL: process.env.DATABASE_URL };
    const invisible = await runWikiCli(['user:create', `${freshName('Admin')}\u200B`], env);
    expect(invisible.code).not.toBe(0);
    expect(invisible.stderr).toContain('invisible or formatting characters');
    const original = await createAccount({ username: freshName('Cli target'), password: PASSWORD }, null);
    const lookalike = await runWikiCli(['user:create', original.name.replace('Cli', 'CIi')], env);
    expect(lookalike.code).not.toBe(0);
    expect(lookalike.stderr).toContain(`looks too much like the existing account "${original.name}"`);
  });
});
