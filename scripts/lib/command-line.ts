import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in the command line: its message is the whole answer (no stack trace). */
export class UsageError extends Error {}

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

export interface CommandLine {
  /** The arguments that are not options, in order. */
  positionals: string[];
  /** Options the command does not know, as typed (e.g. `--ful`, `--ful=x`), in order. */
  unknown: string[];
  /** The value of `--name=value` (or `--name value` for a string option), or undefined. */
  value(name: string): string | undefined;
  /** Whether the bare flag `--name` was given (`--name=…` is not the flag). */
  flag(name: string): boolean;
}

/**
 * Reads a command line with node:util's parseArgs. Leniently (strict: false), because what a
 * command does with an unknown option is its own decision (`unknown` lists them), and because an
 * option may be a flag with an optional value (`--token` or `--token=label`: declare it boolean,
 * read it with both `flag` and `value`). A string option given without a value counts as absent.
 * One check of strict mode is kept: a string option does not take an option-like next argument as
 * its value (`--output --public` must not write a file named "--public").
 */
export function parseCommandLine(args: string[], options: OptionSpecs, usage: string): CommandLine {
  const { values, positionals, tokens } = parseArgs({ args, options, allowPositionals: true, strict: false, tokens: true });
  const unknown = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (!Object.hasOwn(options, token.name)) unknown.add(args[token.index]!);
    else if (!token.inlineValue && typeof token.value === 'string' && token.value.length > 1 && token.value.startsWith('-')) {
      throw new UsageError(`${token.rawName} needs a value: ${token.rawName}=<value>.\n${usage}`);
    }
  }
  return {
    positionals,
    unknown: [...unknown],
    value: (name) => (typeof values[name] === 'string' ? values[name] : undefined),
    flag: (name) => values[name] === true,
  };
}

/** Refuses options the command does not know (a typo must not silently change what a backup holds). */
export function assertNoUnknownOptions(line: CommandLine, usage: string): void {
  if (line.unknown.length > 0) throw new UsageError(`Unknown option ${line.unknown.join(', ')}.\n${usage}`);
}
