import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { blockUser } from '@/lib/server/blocks';
import { editPage } from '@/lib/server/edit-page';
import { listLogEntries } from '@/lib/server/log-list';
import { movePage } from '@/lib/server/move-page';
import { changeUserRole, changeUserRoleFromMaintenance } from '@/lib/server/user-rights';
import { getDb } from '@/lib/server/db';
import { blockFormSchema } from '@/lib/domain/blocks';
import { isAppError } from '@/lib/domain/errors';
import { logEntryPlainText } from '@/lib/i18n/log-entry-text';
import { userRightsSchema } from '@/lib/domain/user-rights';
import { parseTitle } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';

let users = 0;
function newName(): string {
  users += 1;
  return `Log tester ${process.pid} ${Date.now().toString(36)} ${users}`;
}

async function newAccount(options: { admin?: boolean; createdBy?: number; reason?: string } = {}) {
  return createAccount({ username: newName(), password: `Plover-Quartz-${users}-lantern-orbit-9431`, admin: options.admin }, null, {
    createdBy: options.createdBy,
    reason: options.reason,
  });
}

async function actorOf(id: number): Promise<Actor> {
  return (await loadActor(id))!;
}

let admin: Actor;
beforeAll(async () => {
  admin = await actorOf((await newAccount({ admin: true })).id);
});

describe('audit log', () => {
  it('logs account creations: by the new user themself, or by an administrator with a reason', async () => {
    const selfMade = await newAccount();
    const byAdmin = await newAccount({ createdBy: admin.userId!, reason: 'for the archive project' });

    const own = await listLogEntries({ limit: 10, type: 'newusers', performerId: selfMade.id });
    expect(own.rows.map(logEntryPlainText)).toEqual([`User account ${selfMade.name} was created`]);
    expect(own.rows[0]!.params).toEqual({ userId: selfMade.id });

    const made = await listLogEntries({ limit: 10, type: 'newusers', title: parseTitle(`User:${byAdmin.name}`) });
    expect(made.rows).toHaveLength(1);
    expect(made.rows[0]).toMatchObject({ action: 'create2', performer: { id: admin.userId }, comment: 'for the archive project' });
    expect(logEntryPlainText(made.rows[0]!)).toBe(`${admin.name} created user account ${byAdmin.name}`);
  });

  it('logs an account created as administrator as a rights change too, and does not log a refused account', async () => {
    const created = await newAccount({ admin: true });
    const rights = await listLogEntries({ limit: 10, type: 'rights', title: parseTitle(`User:${created.name}`) });
    expect(rights.rows.map((row) => row.params)).toEqual([{ from: 'registered', to: 'admin' }]);

    const before = await getDb().logEntry.count();
    await expect(createAccount({ username: created.name, password: 'Another-long-password-4471' }, null)).rejects.toThrow(/already taken/);
    expect(await getDb().logEntry.count()).toBe(before);
  });

  it('logs role changes from Special:UserRights and the CLI, and only administrators may change roles', async () => {
    const account = await newAccount();
    const promoted = await changeUserRole(admin, userRightsSchema.parse({ target: account.name, role: 'admin', reason: 'elected' }));
    expect(promoted).toMatchObject({ from: 'registered', to: 'admin' });
    expect((await actorOf(account.id)).role).toBe('admin');
    await changeUserRoleFromMaintenance(null, userRightsSchema.parse({ target: account.name, role: 'registered', reason: 'term ended' }));

    const entries = await listLogEntries({ limit: 10, type: 'rights', title: parseTitle(`User:${account.name}`) });
    expect(entries.rows.map((row) => [logEntryPlainText(row), row.comment])).toEqual([
      [`A maintenance script changed group membership for ${account.name} from administrator to registered user`, 'term ended'],
      [`${admin.name} changed group membership for ${account.name} from registered user to administrator`, 'elected'],
    ]);

    const same = changeUserRole(admin, userRightsSchema.parse({ target: account.name, role: 'registered', reason: 'x' }));
    await expect(same).rejects.toThrow(/already a registered user/);
    const other = await newAccount();
    const refused = await changeUserRole(await actorOf(account.id), userRightsSchema.parse({ target: other.name, role: 'admin', reason: 'x' })).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('FORBIDDEN');
    expect((await actorOf(other.id)).role).toBe('registered');
  });

  it('filters by type and performer, and lists moves with their target', async () => {
    const mover = await actorOf((await newAccount()).id);
    const from = uniqueTitle('Log move source');
    const to = uniqueTitle('Log move target');
    await editPage(mover, { title: parseTitle(from), content: 'x', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
    await movePage(mover, { from: parseTitle(from), to: parseTitle(to), reason: 'clearer', leaveRedirect: false, moveTalk: false });

    const all = await listLogEntries({ limit: 50, performerId: mover.userId! });
    expect(all.rows.map((row) => row.type)).toEqual(['move', 'newusers']);
    expect(logEntryPlainText(all.rows[0]!)).toBe(`${mover.name} moved page ${from} to ${to} without leaving a redirect`);
    expect(all.rows[0]!.comment).toBe('clearer');

    const moves = await listLogEntries({ limit: 50, type: 'move', performerId: mover.userId! });
    expect(moves.rows).toHaveLength(1);
    expect((await listLogEntries({ limit: 50, type: 'block', performerId: mover.userId! })).rows).toEqual([]);
    const byPage = await listLogEntries({ limit: 50, title: parseTitle(from) });
    expect(byPage.rows.map((row) => row.id)).toEqual([moves.rows[0]!.id]);
  });

  it('pages newest first with keyset cursors in both directions', async () => {
    const pager = await actorOf((await newAccount({ admin: true })).id);
    const targets = [];
    for (let i = 0; i < 5; i += 1) targets.push(await newAccount());
    for (const target of targets) {
      await blockUser(pager, blockFormSchema.parse({ target: target.name, expiry: '1 day', reason: `block ${target.name}`, scope: 'sitewide' }));
    }
    const names = (rows: { title: { text: string } }[]) => rows.map((row) => row.title.text);
    const expected = targets.map((target) => target.name).reverse();

    const first = await listLogEntries({ limit: 2, type: 'block', performerId: pager.userId! });
    expect(names(first.rows)).toEqual(expected.slice(0, 2));
    expect(first.newer).toBeNull();
    const second = await listLogEntries({ limit: 2, type: 'block', performerId: pager.userId!, olderThan: first.older! });
    expect(names(second.rows)).toEqual(expected.slice(2, 4));
    const third = await listLogEntries({ limit: 2, type: 'block', performerId: pager.userId!, olderThan: second.older! });
    expect(names(third.rows)).toEqual(expected.slice(4));
    expect(third.older).toBeNull();

    const back = await listLogEntries({ limit: 2, type: 'block', performerId: pager.userId!, newerThan: third.newer! });
    expect(names(back.rows)).toEqual(expected.slice(2, 4));
    const start = await listLogEntries({ limit: 2, type: 'block', performerId: pager.userId!, newerThan: back.newer! });
    expect(names(start.rows)).toEqual(expected.slice(0, 2));
    expect(start.newer).toBeNull();
    expect(start.older).toBe(first.older);
  });
});
