import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTool } from '../../scripts/bench/debian-tools';
import { CEILING_ROW, judgeCeiling } from '../../scripts/bench/http-rows';
import { fromWrkReport } from '../../scripts/bench/load';
import { ratioText, type Row } from '../../scripts/bench/table';
import { parseWrkReport, wrkArguments } from '../../scripts/bench/wrk';

/** What wrk prints with the benchmark's report script: its own summary, then the JSON line. */
const WRK_OUTPUT = `Running 5s test @ http://127.0.0.1:40123/wiki/ECPAT
  2 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.23ms    0.40ms  12.10ms   91.00%
  140000 requests in 5.00s, 6.20GB read
Requests/sec:  28000.00
WIKI_BENCH_WRK {"requests":140000,"durationUs":5000000,"errors":3,"p50Us":1180,"p99Us":4200}
`;

describe('the wrk load generator', () => {
  it('reads the report line among wrk’s own output, in milliseconds and requests per second', () => {
    const report = parseWrkReport(WRK_OUTPUT);
    expect(fromWrkReport(report)).toEqual({ p50: 1.18, p99: 4.2, runs: 140000, reqPerSec: 28000, failed: 3 });
  });

  it('says what wrk printed when the report line is missing, instead of a figure of zero', () => {
    expect(() => parseWrkReport('unable to connect to 127.0.0.1:1 Connection refused\n')).toThrow(/wrk printed no report:\nunable to connect/);
  });

  it('runs two threads, never more than the connections, and sends the row’s headers', () => {
    expect(wrkArguments('http://h/x', '/s.lua', { connections: 32, seconds: 5, headers: { cookie: 'a=b' } })).toEqual([
      '-t',
      '2',
      '-c',
      '32',
      '-d',
      '5s',
      '--timeout',
      '10s',
      '-s',
      '/s.lua',
      '-H',
      'cookie: a=b',
      'http://h/x',
    ]);
    expect(wrkArguments('http://h/x', '/s.lua', { connections: 1, seconds: 1 }).slice(0, 4)).toEqual(['-t', '1', '-c', '1']);
  });
});

describe('the ceiling row', () => {
  const row = (name: string, reqPerSec: number, connections = 32): Row => ({ name, connections, reqPerSec, target: '' });
  const ceilingOf = (rows: Row[]) => judgeCeiling(rows).find((candidate) => candidate.name.startsWith(CEILING_ROW))!;

  it('is met at twice the fastest other row with the same connections, and says the ratio', () => {
    const rows = [row(`${CEILING_ROW}: nginx, 2-byte answer`, 120_000), row('Baseline: bare Node http', 50_000), row('History', 900_000, 1)];
    expect(ceilingOf(rows)).toMatchObject({ ratio: '2.40× fastest', met: true });
  });

  it('is not met when a row comes close to it: that row may have measured the generator', () => {
    const rows = [row(`${CEILING_ROW}: bare Node http, 2-byte answer`, 52_000), row('Baseline: bare Node http, thumbnail bytes', 48_000)];
    expect(ceilingOf(rows)).toMatchObject({ ratio: '1.08× fastest', met: false });
  });

  it('is not met when its own requests failed', () => {
    const rows = [{ ...row(`${CEILING_ROW}: nginx, 2-byte answer`, 120_000), problem: '3 request(s) failed' }, row('Anonymous article view', 10_000)];
    expect(ceilingOf(rows).met).toBe(false);
  });

  it('leaves a table without a ceiling row as it is', () => {
    const rows = [row('Anonymous article view', 10_000)];
    expect(judgeCeiling(rows)).toEqual(rows);
  });
});

describe('ratios in the table', () => {
  it('keeps two significant digits for small ratios, so a slow row never reads as 0.00×', () => {
    expect(ratioText(130 / 36_000, 'bare')).toBe('0.0036× bare');
    expect(ratioText(0.31, 'bare')).toBe('0.31× bare');
    expect(ratioText(2.0833, 'fastest')).toBe('2.08× fastest');
    expect(ratioText(0, 'bare')).toBe('0.00× bare');
  });
});

describe('finding the benchmark’s tools', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'wiki-tools-'));
    await writeFile(path.join(folder, 'wrk'), '#!/bin/sh\n');
    await chmod(path.join(folder, 'wrk'), 0o755);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('looks on the PATH it is given', () => {
    expect(findTool('wrk', `/nonexistent${path.delimiter}${folder}`)).toBe(path.join(folder, 'wrk'));
    expect(findTool('no-such-tool-here', folder)).toBeNull();
  });
});
