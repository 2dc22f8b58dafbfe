/**
 * Maintenance commands, like MediaWiki's maintenance scripts: `npm run wiki -- <command>`.
 * They work on DATABASE_URL, or on the embedded database in ./data when it is not set (stop
 * `npm start` first: the embedded database admits one process).
 */
import './lib/env';
import path from 'node:path';
import { migrate } from '@/lib/db/migrate';
import { getDb } from '@/lib/server/db';
import { seedWiki } from '@/lib/server/seed';
import { createAccount, promoteToAdmin, requireAccount, setPassword } from '@/lib/server/accounts';
import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/server/api-tokens';
import { generatePassword } from '@/lib/server/passwords';
import { isAppError } from '@/lib/domain/errors';
import { openDatabase, projectRoot, StartupError } from './lib/database';

type Command = (args: string[]) => Promise<void>;

/** Reads a password piped on stdin (never prompts: scripts must not block). */
async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin expects the password on standard input (e.g. `echo "$PW" | npm run wiki -- …`).');
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data.replace(/\r?\n$/, '');
}

class UsageError extends Error {}

function positional(args: string[], index: number, what: string): string {
  const value = args.filter((arg) => !arg.startsWith('--'))[index];
  if (!value) throw new UsageError(`Missing ${what}.\n${usage()}`);
  return value;
}

const commands: Record<string, { usage: string; run: Command }> = {
  seed: {
    usage: 'seed                                    import content/ (pages that exist are left alone)',
    async run() {
      const result = await seedWiki(path.join(projectRoot, 'content'));
      console.log(`Created: ${result.created.join(', ') || 'nothing'}; already present: ${result.skipped.join(', ') || 'nothing'}`);
    },
  },
  'user:create': {
    usage: 'user:create <name> [--admin] [--password-stdin]   create an account (prints a generated password once)',
    async run(args) {
      const name = positional(args, 0, 'user name');
      const fromStdin = args.includes('--password-stdin');
      const password = fromStdin ? await readPasswordFromStdin() : generatePassword();
      const account = await createAccount({ username: name, password, admin: args.includes('--admin') }, null);
      console.log(`Created ${account.role === 'admin' ? 'administrator' : 'user'} "${account.name}" (id ${account.id}).`);
      if (!fromStdin) console.log(`Password (shown once): ${password}`);
    },
  },
  'user:promote': {
    usage: 'user:promote <name>                     make a user an administrator',
    async run(args) {
      const account = await promoteToAdmin(positional(args, 0, 'user name'));
      console.log(`"${account.name}" is now an administrator.`);
    },
  },
  'user:set-password': {
    usage: 'user:set-password <name> --password-stdin   set a password (ends the user\'s sessions)',
    async run(args) {
      const name = positional(args, 0, 'user name');
      await setPassword(name, await readPasswordFromStdin());
      console.log(`Password of "${name}" changed; existing sessions are signed out.`);
    },
  },
  'token:create': {
    usage: 'token:create <name> [label]             create a personal API token (printed on the last line)',
    async run(args) {
      const account = await requireAccount(positional(args, 0, 'user name'));
      const label = args.filter((arg) => !arg.startsWith('--'))[1] ?? 'bot';
      const { id, token } = await createApiToken(account.id, label);
      console.log(`Token ${id} for "${account.name}" (${label}). Keep it secret; it is shown only now:`);
      console.log(token);
    },
  },
  'token:list': {
    usage: 'token:list <name>                       list a user\'s API tokens (never the tokens themselves)',
    async run(args) {
      const account = await requireAccount(positional(args, 0, 'user name'));
      const tokens = await listApiTokens(account.id);
      if (tokens.length === 0) console.log(`"${account.name}" has no API tokens.`);
      for (const t of tokens) {
        const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`;
        console.log(`${t.id}\t${t.label}\tcreated ${t.createdAt.toISOString()}\t${state}`);
      }
    },
  },
  'token:revoke': {
    usage: 'token:revoke <token id>                 revoke an API token',
    async run(args) {
      const id = Number(positional(args, 0, 'token id'));
      if (!Number.isSafeInteger(id) || id <= 0) throw new UsageError('The token id is a positive number (printed by token:create).');
      console.log((await revokeApiToken(id)) ? `Token ${id} revoked.` : `No live token with id ${id}.`);
    },
  },
};

function usage(): string {
  return ['Usage: npm run wiki -- <command>', ...Object.values(commands).map((c) => `  ${c.usage}`)].join('\n');
}

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(name ? `Unknown command "${name}".\n${usage()}` : usage());
    process.exitCode = 2;
    return;
  }
  const database = await openDatabase();
  process.env.DATABASE_URL = database.url;
  try {
    await migrate(database.url);
    await command.run(args);
  } finally {
    await getDb().$disconnect();
    await database.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof StartupError || error instanceof UsageError || isAppError(error);
  console.error(known && error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
