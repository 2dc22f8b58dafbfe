import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * Server-Timing (https://www.w3.org/TR/server-timing/) for the REST save: how long the server
 * spent, and on what, read by `npm run bench` and visible in browsers' developer tools. Parts are
 * measured where they happen (timed) and summed per request; outside a measured request timed()
 * only runs the work.
 */

const currentRequest = new AsyncLocalStorage<Map<string, number>>();

/** Runs `work`, adding its duration to the part `name` of the request being measured, if any. */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const parts = currentRequest.getStore();
  if (!parts) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    parts.set(name, (parts.get(name) ?? 0) + performance.now() - start);
  }
}

/** Runs a request handler and adds `Server-Timing: total;dur=…, <part>;dur=…` (milliseconds) to its response. */
export async function withServerTiming(handler: () => Promise<Response>): Promise<Response> {
  const parts = new Map<string, number>();
  const start = performance.now();
  const response = await currentRequest.run(parts, handler);
  const entries = [['total', performance.now() - start] as const, ...parts];
  response.headers.set('server-timing', entries.map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', '));
  return response;
}
