import cliProgress from 'cli-progress';

export interface Progress {
  /** `detail` is shown after the count ("120 pages"). */
  update(value: number, total: number, detail?: string): void;
  stop(): void;
}

/** Where progress goes: process.stderr, or a stream given instead (a test reads it). */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * A progress bar on stderr (stdout may carry the export itself), or on `stream`. When that is not
 * a terminal (CI logs, redirected output) a bar would print control codes, so one plain line is
 * printed every `every` units instead, plus the final count.
 */
export function createProgress(
  label: string,
  options: { every: number; format?: (value: number) => string; eta?: boolean },
  stream: ProgressStream = process.stderr,
): Progress {
  const format = options.format ?? String;
  const startedAt = Date.now();
  let last = { value: 0, total: 0, detail: '' };
  const extra = () => {
    const parts = [last.detail, options.eta ? `ETA ${formatEta(estimateRemaining(startedAt, last.value, last.total))}` : ''].filter(Boolean);
    return parts.length > 0 ? ` | ${parts.join(' | ')}` : '';
  };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {percentage}% | {done}/{all}{extra}`, hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(value, total, detail = '') {
        last = { value, total, detail };
        const payload = { done: format(value), all: format(total), extra: extra() };
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
  const print = () => stream.write(`${label}: ${format(last.value)}/${format(last.total)}${extra()}\n`);
  return {
    update(value, total, detail = '') {
      last = { value, total, detail };
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

/** Milliseconds left at the rate so far; null before there is a rate to go by. */
export function estimateRemaining(startedAt: number, done: number, total: number, now = Date.now()): number | null {
  if (done <= 0 || total <= done) return done >= total && total > 0 ? 0 : null;
  return ((now - startedAt) / done) * (total - done);
}

export function formatEta(ms: number | null): string {
  if (ms === null) return '…';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
