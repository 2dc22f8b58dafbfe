// The load generator of `npm run bench`, run as its own process so that it never shares an event
// loop (or a core's time slice) with the server or the benchmark's embedded database. Takes one
// JSON argument, prints one JSON line of results:
// - {"mode":"load", url, connections, seconds, headers}: autocannon for a fixed time. Latencies
//   come from autocannon's per-response event (microsecond resolution; its own histogram keeps
//   whole milliseconds, too coarse for one-connection rows).
// - {"mode":"saves", url, token, latestId, count, text}: sequential REST PUTs, each based on the
//   revision the previous one created (as an editor or bot would) and changing one line of
//   `text`. Timed by the server (the `total` of its Server-Timing header) when every answer has
//   one, else on the client; `clientLatencies` are always returned too.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

const config = JSON.parse(process.argv[2] ?? '{}');

async function load() {
  const latencies = [];
  let failed = 0;
  const started = performance.now();
  const instance = autocannon({ url: config.url, connections: config.connections, duration: config.seconds, headers: config.headers ?? {} });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else failed += 1;
  });
  const result = await instance;
  const elapsedSeconds = (performance.now() - started) / 1000;
  return { ok: latencies.length, failed: failed + result.errors + result.timeouts, seconds: elapsedSeconds, latencies };
}

async function saves() {
  const clientLatencies = [];
  const serverLatencies = [];
  let latestId = config.latestId;
  for (let i = 0; i < config.count; i++) {
    const source = `${config.text}\n\nLast changed by benchmark save ${i + 1} at ${new Date().toISOString()}.`;
    const started = performance.now();
    const response = await fetch(config.url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source, comment: `benchmark save ${i + 1}`, latest: { id: latestId } }),
    });
    const body = await response.text();
    clientLatencies.push(performance.now() - started);
    const total = /(?:^|,)\s*total;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
    if (total) serverLatencies.push(Number(total[1]));
    if (response.status !== 200) throw new Error(`save ${i + 1} answered ${response.status}: ${body.slice(0, 300)}`);
    latestId = JSON.parse(body).latest.id;
  }
  const serverTimed = serverLatencies.length === clientLatencies.length;
  return {
    ok: clientLatencies.length,
    failed: 0,
    seconds: clientLatencies.reduce((a, b) => a + b, 0) / 1000,
    latencies: serverTimed ? serverLatencies : clientLatencies,
    clientLatencies,
    timedBy: serverTimed ? 'server' : 'client',
  };
}

try {
  const result = config.mode === 'saves' ? await saves() : await load();
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
