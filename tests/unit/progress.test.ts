import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createProgress, estimateRemaining, formatEta } from '../../runtime/progress';

function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('progress of long commands (import, export)', () => {
  it('estimates the time left from the rate so far', () => {
    expect(estimateRemaining(0, 0, 100, 5_000)).toBeNull();
    expect(estimateRemaining(0, 25, 100, 5_000)).toBe(15_000);
    expect(estimateRemaining(0, 100, 100, 5_000)).toBe(0);
  });

  it('writes the estimate the way people read it', () => {
    expect(formatEta(null)).toBe('…');
    expect(formatEta(42_400)).toBe('42s');
    expect(formatEta(125_000)).toBe('2m05s');
    expect(formatEta(3_780_000)).toBe('1h03m');
  });

  it('prints plain lines with the detail and the estimate when the output is not a terminal', () => {
    const out = sink();
    const progress = createProgress('Importing revisions', { every: 100, eta: true }, out.stream);
    progress.update(50, 300, '2/9 pages');
    progress.update(120, 300, '4/9 pages');
    progress.update(300, 300, '9/9 pages');
    progress.stop();
    expect(out.text()).toMatch(/^Importing revisions: 120\/300 \| 4\/9 pages \| ETA \d+s\nImporting revisions: 300\/300 \| 9\/9 pages \| ETA 0s\n$/);
  });
});
