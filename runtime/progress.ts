import cliProgress from 'cli-progress';

export interface Progress {
  update(value: number, total: number): void;
  stop(): void;
}

/** Where progress goes: process.stderr, or a stream given instead (a test reads it). */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * A progress bar on stderr (stdout may carry the export itself), or on `stream`. When that is not
 * a terminal (CI logs, redirected output) a bar would print control codes, so one plain line is
 * printed every `every` units instead, plus the final count.
 */
export function createProgress(label: string, options: { every: number; format?: (value: number) => string }, stream: ProgressStream = process.stderr): Progress {
  const format = options.format ?? String;
  let last = { value: 0, total: 0 };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {percentage}% | {done}/{all}`, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(value, total) {
        const payload = { done: format(value), all: format(total) };
        if (!started) bar.start(total, value, payload);
        else bar.update(value, payload);
        bar.setTotal(total);
        started = true;
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let nextLine = options.every;
  const print = () => stream.write(`${label}: ${format(last.value)}/${format(last.total)}\n`);
  return {
    update(value, total) {
      last = { value, total };
      if (value < nextLine) return;
      while (nextLine <= value) nextLine += options.every;
      if (value < total) print();
    },
    stop() {
      print();
    },
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
