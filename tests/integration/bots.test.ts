// Bots (docs/bots.md) against a real database: the bot flag given and taken on Special:UserRights
// and by the CLI, with its rights-log line; which edits are marked bot; recent changes, its feed and
// watchlists with and without bots; the bot edit throttle; the reverted mark left by a rollback, an
// undo and a restore.
import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { getRecentChanges } from '@/lib/server/history';
import { listLogEntries } from '@/lib/server/log-list';
import { movePage } from '@/lib/server/move-page';
import { restoreRevision, rollback } from '@/lib/server/revert';
import { consume, editLimitFor, LIMITS } from '@/lib/server/throttle';
import { changeUserRole, changeUserRoleFromMaintenance } from '@/lib/server/user-rights';
import { getWatchlistChanges, watchPage } from '@/lib/server/watchlist';
import { GET as recentChangesGET } from '@/app/w/feeds/recentchanges/route';
import { logEntryPlainText } from '@/lib/i18n/log-entry-text';
import { userRightsSchema } from '@/lib/domain/user-rights';
import { watchlistOptions } from '@/lib/domain/watchlist';
import { parseTitle } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';
import { runWikiCommand } from '../../scripts/lib/wiki-commands';

let accounts = 0;
async function account(options: { admin?: boolean; bot?: boolean } = {}): Promise<Actor> {
  accounts += 1;
  const name = `Bot tester ${process.pid} ${Date.now().toString(36)} ${accounts}`;
  const created = await createAccount({ username: name, password: `Plover-Quartz-${accounts}-lantern-orbit-9431`, admin: options.admin }, null);
  if (options.bot) await changeUserRoleFromMaintenance(null, userRightsSchema.parse({ target: name, bot: true, reason: 'test bot' }));
  return (await loadActor(created.id))!;
}

async function edit(actor: Actor, title: string, content: string, options: { bot?: boolean; undo?: { undoId: number; undoAfterId: number | null } } = {}): Promise<number> {
  const t = parseTitle(title);
  const page = await getDb().page.findUnique({ where: { namespace_title: { namespace: t.namespace, title: t.dbKey } }, select: { latestRevisionId: true } });
  const outcome = await editPage(
    actor,
    { title: t, content, summary: '', minor: false, baseRevisionId: page?.latestRevisionId ?? null, bot: options.bot, undo: options.undo },
    '192.0.2.7',
  );
  if (outcome.status === 'conflict' || outcome.status === 'unchanged') throw new Error(`unexpected ${outcome.status}`);
  return outcome.revisionId;
}

async function marks(...ids: number[]): Promise<{ id: number; bot: boolean; reverted: boolean }[]> {
  return getDb().revision.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' }, select: { id: true, bot: true, reverted: true } });
}

async function wiki(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runWikiCommand(args, { out: (line) => out.push(line), err: (line) => err.push(line), stdin: async () => '', withDatabase: (run) => run() });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

async function rightsLog(name: string): Promise<string[]> {
  const entries = await listLogEntries({ limit: 10, type: 'rights', title: parseTitle(`User:${name}`) });
  return entries.rows.map(logEntryPlainText);
}

let admin: Actor;
beforeAll(async () => {
  admin = await account({ admin: true });
});

describe('the bot flag', () => {
  it('is given and taken on Special:UserRights by an administrator, logged as a change of groups', async () => {
    const target = await account();
    const given = await changeUserRole(admin, userRightsSchema.parse({ target: target.name, role: 'registered', bot: 'on', reason: 'approved task' }));
    expect(given).toMatchObject({ from: 'registered', to: 'registered', fromBot: false, toBot: true });
    expect((await loadActor(target.userId!))!.bot).toBe(true);
    // The form sends '' for an unticked box: the flag goes, the role stays.
    await changeUserRole(admin, userRightsSchema.parse({ target: target.name, role: 'admin', bot: '', reason: 'now a person' }));
    const after = (await loadActor(target.userId!))!;
    expect(after).toMatchObject({ bot: false, role: 'admin' });
    expect(await rightsLog(target.name!)).toEqual([
      `${admin.name} changed group membership for ${target.name} from bot to administrator`,
      `${admin.name} changed group membership for ${target.name} from registered user to bot`,
    ]);
  });

  it('is refused to non-administrators, and a save that changes nothing says so', async () => {
    const target = await account();
    const person = await account();
    await expect(changeUserRole(person, userRightsSchema.parse({ target: target.name, role: 'registered', bot: 'on', reason: 'x' }))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(changeUserRole(admin, userRightsSchema.parse({ target: target.name, role: 'registered', bot: '', reason: 'x' }))).rejects.toThrow(
      /already has these groups \(not a bot\)/,
    );
    expect((await loadActor(target.userId!))!.bot).toBe(false);
  });

  it('is given and removed by `user:bot`, which keeps the role', async () => {
    const target = await account({ admin: true });
    const given = await wiki(['user:bot', target.name!, '--reason=runs the archive bot', `--as=${admin.name}`]);
    expect(given).toMatchObject({ code: 0, stdout: `"${target.name}" is now a bot.` });
    expect((await loadActor(target.userId!))!).toMatchObject({ bot: true, role: 'admin' });
    const again = await wiki(['user:bot', target.name!, '--reason=again']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already has these groups (bot)');
    const removed = await wiki(['user:bot', target.name!, '--remove', '--reason=task done']);
    expect(removed).toMatchObject({ code: 0, stdout: `"${target.name}" is no longer a bot.` });
    expect((await loadActor(target.userId!))!).toMatchObject({ bot: false, role: 'admin' });
    expect(await rightsLog(target.name!)).toEqual([
      `A maintenance script changed group membership for ${target.name} from administrator, bot to administrator`,
      `${admin.name} changed group membership for ${target.name} from administrator to administrator, bot`,
      // The account was created as an administrator (its creation's own rights entry).
      `A maintenance script changed group membership for ${target.name} from registered user to administrator`,
    ]);
    expect((await wiki(['user:bot', target.name!])).stderr).toContain('Give a reason');
  });
});

describe('edits marked bot', () => {
  it("marks a bot's edit that asks for it, and neither a bot's that does not nor a person's that does", async () => {
    const bot = await account({ bot: true });
    const person = await account();
    const title = uniqueTitle('Bot marks');
    const botAsked = await edit(bot, title, 'one', { bot: true });
    const botSilent = await edit(bot, title, 'two');
    const personAsked = await edit(person, title, 'three', { bot: true });
    expect(await marks(botAsked, botSilent, personAsked)).toEqual([
      { id: botAsked, bot: true, reverted: false },
      { id: botSilent, bot: false, reverted: false },
      { id: personAsked, bot: false, reverted: false },
    ]);
  });

  it("marks a bot's move bot, and a person's not", async () => {
    const moved = async (mover: Actor) => {
      const from = uniqueTitle('Move source');
      const to = uniqueTitle('Move target');
      await edit(mover, from, 'moved text');
      await movePage(mover, { from: parseTitle(from), to: parseTitle(to), reason: 'tidy', leaveRedirect: false, moveTalk: false });
      const page = await getDb().page.findFirstOrThrow({ where: { title: parseTitle(to).dbKey }, select: { latestRevisionId: true } });
      return (await marks(page.latestRevisionId!))[0]!.bot;
    };
    expect(await moved(await account({ bot: true }))).toBe(true);
    expect(await moved(await account())).toBe(false);
  });
});

describe('recent changes, its feed and watchlists', () => {
  let bot: Actor;
  let person: Actor;
  let title: string;
  let botRevision: number;
  let personRevision: number;
  beforeAll(async () => {
    bot = await account({ bot: true });
    person = await account();
    title = uniqueTitle('Bot listed');
    personRevision = await edit(person, title, 'by a person');
    botRevision = await edit(bot, title, 'by a bot', { bot: true });
  });

  const ids = (rows: { revisionId: number }[]) => rows.map((row) => row.revisionId).filter((id) => id === botRevision || id === personRevision);

  it("leaves bots' edits out of recent changes unless asked for, and lists only them for rcshow=bot", async () => {
    expect(ids((await getRecentChanges({ limit: 50 })).rows)).toEqual([personRevision]);
    const all = await getRecentChanges({ limit: 50, includeBots: true });
    expect(ids(all.rows)).toEqual([botRevision, personRevision]);
    expect(all.rows.find((row) => row.revisionId === botRevision)!.bot).toBe(true);
    expect(ids((await getRecentChanges({ limit: 50, onlyBots: true })).rows)).toEqual([botRevision]);
  });

  it('does the same in the recent changes feed, with hidebots=0 as the address for bots', async () => {
    const entryIds = async (query: string) => {
      const xml = await (await recentChangesGET(new Request(`http://wiki.test/w/feeds/recentchanges${query}`))).text();
      return [botRevision, personRevision].filter((id) => xml.includes(`oldid=${id}`) || xml.includes(`diff=${id}`));
    };
    expect(await entryIds('')).toEqual([personRevision]);
    expect(await entryIds('?hidebots=0')).toEqual([botRevision, personRevision]);
  });

  it("hides bots' edits from a watchlist by default, and shows them with hidebots=0", async () => {
    const watcher = await account();
    await watchPage(watcher, parseTitle(title), 'infinite');
    const list = (query: Record<string, string>) => getWatchlistChanges(watcher, { ...watchlistOptions(query), allChanges: true, limit: 50 });
    expect(ids((await list({})).rows)).toEqual([personRevision]);
    expect(ids((await list({ hidebots: '1' })).rows)).toEqual([personRevision]);
    expect(ids((await list({ hidebots: '0' })).rows)).toEqual([botRevision, personRevision]);
  });
});

describe('the bot edit throttle', () => {
  it('lets a bot save far more often than a person before refusing', async () => {
    const bot = await account({ bot: true });
    const person = await account();
    expect(editLimitFor(bot)).toBe(LIMITS.botEdit);
    expect(editLimitFor(person)).toBe(LIMITS.edit);
    expect(LIMITS.botEdit.hits).toBeGreaterThanOrEqual(10 * LIMITS.edit.hits);
    for (let i = 0; i < LIMITS.edit.hits; i++) await consume(editLimitFor(person), `user:${person.userId}`);
    await expect(consume(editLimitFor(person), `user:${person.userId}`)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    for (let i = 0; i <= LIMITS.edit.hits; i++) await consume(editLimitFor(bot), `user:${bot.userId}`);
  });
});

describe('the reverted mark', () => {
  it('marks every revision a rollback took back, and neither the one it went back to nor the rollback', async () => {
    const editor = await account();
    const vandal = await account();
    const title = uniqueTitle('Rolled back');
    const good = await edit(editor, title, 'good text');
    const bad1 = await edit(vandal, title, 'bad text');
    const bad2 = await edit(vandal, title, 'worse text');
    const page = await getDb().page.findFirstOrThrow({ where: { title: parseTitle(title).dbKey }, select: { id: true } });
    const { revisionId } = await rollback(admin, page.id, bad2);
    expect((await marks(good, bad1, bad2, revisionId)).map((row) => row.reverted)).toEqual([false, true, true, false]);
  });

  it('marks the undone revisions of an undo, and not the later edits an undo merged past', async () => {
    const editor = await account();
    const title = uniqueTitle('Undone');
    const r1 = await edit(editor, title, 'alpha\n\nbeta\n\ngamma');
    const r2 = await edit(editor, title, 'ALPHA\n\nbeta\n\ngamma');
    const r3 = await edit(editor, title, 'ALPHA\n\nbeta\n\nGAMMA');
    const undo = await edit(editor, title, 'alpha\n\nbeta\n\nGAMMA', { undo: { undoId: r2, undoAfterId: null } });
    expect((await marks(r1, r2, r3, undo)).map((row) => row.reverted)).toEqual([false, true, false, false]);
  });

  it('marks everything after the old revision a restore brings back', async () => {
    const editor = await account();
    const title = uniqueTitle('Restored');
    const r1 = await edit(editor, title, 'first');
    const r2 = await edit(editor, title, 'second');
    const r3 = await edit(editor, title, 'third');
    const restored = await restoreRevision(editor, r1, '192.0.2.7');
    if (restored.status === 'conflict') throw new Error('unexpected conflict');
    expect((await marks(r1, r2, r3, restored.revisionId)).map((row) => row.reverted)).toEqual([false, true, true, false]);
  });
});
