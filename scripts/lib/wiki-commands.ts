/**
 * `npm run wiki -- <command>` without the process: the command line is read and run here, and
 * what a command prints, reads and needs around it comes from a CommandIo. scripts/wiki.ts gives it
 * the process's streams and opens the database; the tests call runWikiCommand in their own process
 * (tests/integration/cli-commands.test.ts), on a database that is already migrated.
 */
import { isAppError } from '@/lib/domain/errors';
import { StartupError } from '../../runtime/database';
import { parseCommandLine, UsageError, type OptionSpecs } from './command-line';
import { commands, usage } from './wiki-command-table';

export interface CommandIo {
  /** Prints a line (it may hold several) on standard output. */
  out(line: string): void;
  /** Prints a line (it may hold several) on standard error. */
  err(line: string): void;
  /** Everything piped on standard input (only --password-stdin reads it); a UsageError for a terminal. */
  stdin(): Promise<string>;
  /** Runs the command with the database open and migrated, and closes it afterwards. */
  withDatabase(run: () => Promise<void>): Promise<void>;
}

/**
 * Every command's options. An option a command does not use is ignored, as is an unknown one.
 * `--token` is a flag that may carry a label (`--token=label`), hence boolean.
 */
const OPTIONS = {
  as: { type: 'string' },
  reason: { type: 'string' },
  expiry: { type: 'string' },
  pages: { type: 'string' },
  hide: { type: 'string' },
  edit: { type: 'string' },
  move: { type: 'string' },
  admin: { type: 'boolean' },
  remove: { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  'delete-talk': { type: 'boolean' },
  token: { type: 'boolean' },
} satisfies OptionSpecs;

/**
 * Runs `<command> [arguments…]` and gives its exit code: 0 when done; 1 when refused (a usage
 * mistake, an unknown user, a missing reason, an unreachable database), its message on io.err and
 * no stack trace; 2 for an unknown or missing command, with the usage. Any other error is a bug
 * and is thrown, stack and all.
 */
export async function runWikiCommand(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name && Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.err(name ? `Unknown command "${name}".\n${usage()}` : usage());
    return 2;
  }
  try {
    const line = parseCommandLine(args, OPTIONS, usage());
    await io.withDatabase(() => command.run(line, io));
    return 0;
  } catch (error) {
    if (!(error instanceof StartupError || error instanceof UsageError || isAppError(error))) throw error;
    io.err(error.message);
    return 1;
  }
}
