/**
 * The maintenance commands of `npm run wiki` (scripts/lib/wiki-commands.ts reads the command line
 * and runs them): each prints through the CommandIo it is given, never on the console.
 */
import path from 'node:path';
import type { Actor } from '@/lib/domain/policy';
import type { z } from 'zod';
import { projectRoot } from '../../runtime/database';
import { UsageError, type CommandLine } from './command-line';
import type { CommandIo } from './wiki-commands';

// Each command imports what it uses when it runs: `npm run wiki` loads the server modules of its
// own command only (the seed and rebuild pull in the whole renderer), a few CPU-seconds less.
type Command = (line: CommandLine, io: CommandIo) => Promise<void>;

/** The password piped on stdin, without its final line break (never prompts: scripts must not block). */
async function readPassword(io: CommandIo): Promise<string> {
  return (await io.stdin()).replace(/\r?\n$/, '');
}

function positional(line: CommandLine, index: number, what: string): string {
  const value = line.positionals[index];
  if (!value) throw new UsageError(`Missing ${what}.\n${usage()}`);
  return value;
}

/** Admin commands validate with the same schemas as the forms; the first problem is the message. */
function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw new UsageError(result.error.issues.map((issue) => issue.message).join('\n'));
  return result.data;
}

/** The administrator a command acts as (--as=<name>): logged as the performer, and their rights are checked. */
async function adminNamed(name: string | undefined): Promise<Actor> {
  if (!name) throw new UsageError('Name the administrator this is done as: --as=<admin name> (it is shown in the log).');
  const { loadActorByName } = await import('@/lib/server/actors');
  const actor = await loadActorByName(name);
  if (!actor) throw new UsageError(`There is no user named "${name}" who can sign in.`);
  return actor;
}

export const commands: Record<string, { usage: string; run: Command }> = {
  seed: {
    usage: 'seed                                    import content/ (pages that exist are left alone)',
    async run(_line, io) {
      const { seedWiki } = await import('@/lib/server/seed');
      const result = await seedWiki(path.join(projectRoot, 'content'));
      io.out(`Created: ${result.created.join(', ') || 'nothing'}; already present: ${result.skipped.join(', ') || 'nothing'}`);
    },
  },
  'derived:rebuild': {
    usage:
      "derived:rebuild                         rebuild every page's links, categories, redirect and search document from its current text (npm start does it once after an upgrade that changed the renderer)",
    async run(_line, io) {
      const [{ rebuildDerivedData }, { createProgress }] = await Promise.all([import('@/lib/server/derived/rebuild'), import('../../runtime/progress')]);
      const progress = createProgress('Rebuilding pages', { every: 500 });
      const { pages } = await rebuildDerivedData(({ done, total }) => progress.update(done, total));
      progress.stop();
      io.out(`Rebuilt the derived data of ${pages} page(s).`);
    },
  },
  'user:create': {
    usage:
      'user:create <name> [--admin] [--password-stdin] [--as=<admin>] [--reason=…] [--token[=label]]   create an account (prints a generated password once; --token: and a personal API token for a bot, on the last line)',
    async run(line, io) {
      const name = positional(line, 0, 'user name');
      const [{ createAccount }, { generatePassword }] = await Promise.all([import('@/lib/server/accounts'), import('@/lib/server/passwords')]);
      const fromStdin = line.flag('password-stdin');
      const creator = line.value('as') === undefined ? null : await adminNamed(line.value('as'));
      const password = fromStdin ? await readPassword(io) : generatePassword();
      const audit = { createdBy: creator?.userId ?? null, reason: line.value('reason') ?? '' };
      const account = await createAccount({ username: name, password, admin: line.flag('admin') }, null, audit);
      io.out(`Created ${account.role === 'admin' ? 'administrator' : 'user'} "${account.name}" (id ${account.id}).`);
      if (!fromStdin) io.out(`Password (shown once): ${password}`);
      const tokenLabel = line.value('token') ?? (line.flag('token') ? 'bot' : undefined);
      if (tokenLabel !== undefined) {
        const { createApiToken } = await import('@/lib/server/api-tokens');
        const { id, token } = await createApiToken(account.id, tokenLabel);
        io.out(`Token ${id} (${tokenLabel}). Keep it secret; it is shown only now:`);
        io.out(token);
      }
    },
  },
  'user:promote': {
    usage: 'user:promote <name> --reason=… [--as=<admin>]   make a user an administrator (logged)',
    async run(line, io) {
      const [{ userRightsSchema }, { changeUserRoleFromMaintenance }] = await Promise.all([import('@/lib/domain/user-rights'), import('@/lib/server/user-rights')]);
      const input = parseInput(userRightsSchema, { target: positional(line, 0, 'user name'), role: 'admin', reason: line.value('reason') });
      const performer = line.value('as') === undefined ? null : await adminNamed(line.value('as'));
      const change = await changeUserRoleFromMaintenance(performer?.userId ?? null, input);
      io.out(`"${change.userName}" is now an administrator.`);
    },
  },
  'user:bot': {
    usage: 'user:bot <name> --reason=… [--as=<admin>] [--remove]   put an account in the bot group, or take it out (logged); its edits are marked bot',
    async run(line, io) {
      const [{ userRightsSchema }, { changeUserRoleFromMaintenance }] = await Promise.all([import('@/lib/domain/user-rights'), import('@/lib/server/user-rights')]);
      // No role: user:bot changes the flag only, an administrator stays one.
      const input = parseInput(userRightsSchema, { target: positional(line, 0, 'user name'), bot: !line.flag('remove'), reason: line.value('reason') });
      const performer = line.value('as') === undefined ? null : await adminNamed(line.value('as'));
      const change = await changeUserRoleFromMaintenance(performer?.userId ?? null, input);
      io.out(change.toBot ? `"${change.userName}" is now a bot.` : `"${change.userName}" is no longer a bot.`);
    },
  },
  block: {
    usage: 'block <name> --reason=… --as=<admin> [--expiry=1 week] [--pages=A|B]   block a user (sitewide, or from the pages listed)',
    async run(line, io) {
      const [{ blockFormSchema }, { blockUser }] = await Promise.all([import('@/lib/domain/blocks'), import('@/lib/server/blocks')]);
      const pages = line.value('pages');
      const input = parseInput(blockFormSchema, {
        target: positional(line, 0, 'user name'),
        reason: line.value('reason'),
        expiry: line.value('expiry') ?? 'infinite',
        scope: pages === undefined ? 'sitewide' : 'partial',
        pages: (pages ?? '').split('|').join('\n'),
      });
      const outcome = await blockUser(await adminNamed(line.value('as')), input);
      const until = input.expiry === null ? 'indefinitely' : `until ${input.expiry.toISOString()}`;
      const scope = input.scope === 'sitewide' ? 'sitewide' : `from ${input.pages.map((page) => page.prefixedText).join(', ')}`;
      io.out(`${outcome.action === 'reblock' ? 'Changed the block of' : 'Blocked'} "${outcome.userName}" ${scope} ${until}.`);
    },
  },
  unblock: {
    usage: "unblock <name> --reason=… --as=<admin>  lift a user's block",
    async run(line, io) {
      const [{ unblockFormSchema }, { unblockUser }] = await Promise.all([import('@/lib/domain/blocks'), import('@/lib/server/blocks')]);
      const input = parseInput(unblockFormSchema, { target: positional(line, 0, 'user name'), reason: line.value('reason') });
      const outcome = await unblockUser(await adminNamed(line.value('as')), input);
      io.out(`Unblocked "${outcome.userName}".`);
    },
  },
  delete: {
    usage: 'delete <title> --reason=… --as=<admin> [--delete-talk]   delete a page (its history is kept for undelete)',
    async run(line, io) {
      const [{ deletePageSchema }, { deletePage }] = await Promise.all([import('@/lib/domain/deletion'), import('@/lib/server/deletion')]);
      const input = parseInput(deletePageSchema, {
        title: positional(line, 0, 'page title'),
        reason: line.value('reason'),
        deleteTalk: line.flag('delete-talk'),
      });
      const result = await deletePage(await adminNamed(line.value('as')), input);
      io.out(`Deleted "${input.title.prefixedText}" (${result.revisions} revisions archived)${result.talkDeleted ? ' and its talk page' : ''}.`);
    },
  },
  undelete: {
    usage: 'undelete <title> --reason=… --as=<admin>   restore a deleted page with its history',
    async run(line, io) {
      const [{ undeletePageSchema }, { undeletePage }] = await Promise.all([import('@/lib/domain/deletion'), import('@/lib/server/deletion')]);
      const input = parseInput(undeletePageSchema, { title: positional(line, 0, 'page title'), reason: line.value('reason') });
      const result = await undeletePage(await adminNamed(line.value('as')), input);
      io.out(`Restored "${input.title.prefixedText}" (${result.restored} revisions).`);
    },
  },
  'revision:visibility': {
    usage: 'revision:visibility <revision id> --hide=text,summary,user --reason=… --as=<admin>   hide parts of a revision from non-admins (--hide= shows all again)',
    async run(line, io) {
      const hide = line.value('hide');
      if (hide === undefined) throw new UsageError('Say what stays hidden: --hide=text,summary,user (any of them), or --hide= to show everything again.');
      const parts = hide
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean);
      const unknown = parts.filter((part) => !['text', 'summary', 'user'].includes(part));
      if (unknown.length > 0) throw new UsageError(`--hide takes text, summary and user; not ${unknown.join(', ')}.`);
      const [{ revisionVisibilitySchema }, { setRevisionVisibility }] = await Promise.all([import('@/lib/domain/deletion'), import('@/lib/server/revision-visibility')]);
      const input = parseInput(revisionVisibilitySchema, {
        revisionId: positional(line, 0, 'revision id'),
        hideText: parts.includes('text') ? 'on' : undefined,
        hideSummary: parts.includes('summary') ? 'on' : undefined,
        hideAuthor: parts.includes('user') ? 'on' : undefined,
        reason: line.value('reason'),
      });
      const result = await setRevisionVisibility(await adminNamed(line.value('as')), input);
      io.out(`Revision ${result.revisionId}: ${parts.length === 0 ? 'everything visible again' : `${parts.join(', ')} hidden from non-admins`}.`);
    },
  },
  protect: {
    usage: 'protect <title> --edit=<level|none> --move=<level|none> --reason=… --as=<admin> [--expiry=1 week]   protect a page (levels: registered, autoconfirmed, admin)',
    async run(line, io) {
      const title = positional(line, 0, 'page title');
      const [{ tryParseTitle }, { describeSettings, protectFormSchema }, { protectionFormState, protectPage }] = await Promise.all([
        import('@/lib/domain/titles'),
        import('@/lib/domain/protection'),
        import('@/lib/server/protection'),
      ]);
      const expiry = line.value('expiry') ?? 'infinite';
      const parsedTitle = tryParseTitle(title);
      // The CLI acts on the settings as they are now (an omitted --edit/--move keeps its level).
      const current = parsedTitle.ok ? await protectionFormState(parsedTitle.title) : null;
      const input = parseInput(protectFormSchema, {
        title,
        editLevel: line.value('edit') ?? current?.protection.edit?.level ?? 'none',
        moveLevel: line.value('move') ?? current?.protection.move?.level ?? 'none',
        editExpiry: expiry,
        moveExpiry: expiry,
        reason: line.value('reason'),
        baseToken: current?.token ?? '',
      });
      const result = await protectPage(await adminNamed(line.value('as')), input);
      const settings = await protectionFormState(input.title);
      io.out(`Protection of "${result.title}" changed (${result.logAction}): ${describeSettings(settings?.protection ?? {}).join('; ')}.`);
    },
  },
  'user:set-password': {
    usage: "user:set-password <name> --password-stdin   set a password (ends the user's sessions)",
    async run(line, io) {
      const name = positional(line, 0, 'user name');
      const { setPassword } = await import('@/lib/server/accounts');
      await setPassword(name, await readPassword(io));
      io.out(`Password of "${name}" changed; existing sessions are signed out.`);
    },
  },
  'token:create': {
    usage: 'token:create <name> [label]             create a personal API token (printed on the last line)',
    async run(line, io) {
      const [{ requireAccount }, { createApiToken }] = await Promise.all([import('@/lib/server/accounts'), import('@/lib/server/api-tokens')]);
      const account = await requireAccount(positional(line, 0, 'user name'));
      const label = line.positionals[1] ?? 'bot';
      const { id, token } = await createApiToken(account.id, label);
      io.out(`Token ${id} for "${account.name}" (${label}). Keep it secret; it is shown only now:`);
      io.out(token);
    },
  },
  'token:list': {
    usage: "token:list <name>                       list a user's API tokens (never the tokens themselves)",
    async run(line, io) {
      const [{ requireAccount }, { listApiTokens }] = await Promise.all([import('@/lib/server/accounts'), import('@/lib/server/api-tokens')]);
      const account = await requireAccount(positional(line, 0, 'user name'));
      const tokens = await listApiTokens(account.id);
      if (tokens.length === 0) io.out(`"${account.name}" has no API tokens.`);
      for (const t of tokens) {
        const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`;
        io.out(`${t.id}\t${t.label}\tcreated ${t.createdAt.toISOString()}\t${state}`);
      }
    },
  },
  'token:revoke': {
    usage: 'token:revoke <token id>                 revoke an API token',
    async run(line, io) {
      const id = Number(positional(line, 0, 'token id'));
      if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError('The token id is a positive number (printed by token:create).');
      const { revokeApiToken } = await import('@/lib/server/api-tokens');
      io.out((await revokeApiToken(id)) ? `Token ${id} revoked.` : `No live token with id ${id}.`);
    },
  },
};

export function usage(): string {
  return ['Usage: npm run wiki -- <command>', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}
