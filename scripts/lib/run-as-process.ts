/**
 * Runs a command-line command (`npm run wiki`, `npm run export`, `npm run import`) on the process's
 * arguments and turns its outcome into the exit code; a bug is printed whole (stack included),
 * exit code 1.
 */
export function runCommandAsProcess<Io>(command: (argv: string[], io: Io) => Promise<number>, io: Io): void {
  command(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
