import type { Instrumentation } from 'next';
import { isDatabaseUnavailableError } from '@/lib/domain/database-faults';

/**
 * What the production server (runtime/server.mjs) keeps per request in an AsyncLocalStorage it
 * publishes on globalThis under this symbol.
 */
interface RequestFaults {
  databaseUnavailable: boolean;
}
const REQUEST_FAULTS = Symbol.for('wiki.requestFaults');

/**
 * Next.js calls this for every error a page, layout, Server Action or route handler lets escape,
 * with the original error, before the error response is written. A page cannot choose its status
 * (it renders app/error.tsx with a 500), so a database fault is only noted here; the server then
 * answers 503 with its "temporarily unavailable" page instead (runtime/server.mjs).
 */
export const onRequestError: Instrumentation.onRequestError = (error) => {
  if (!isDatabaseUnavailableError(error)) return;
  const storage = (globalThis as Record<symbol, { getStore(): RequestFaults | undefined } | undefined>)[REQUEST_FAULTS];
  const faults = storage?.getStore();
  if (faults) faults.databaseUnavailable = true;
};

/**
 * Background work that runs in the server process beside the requests: the re-render queue's
 * worker (lib/server/templates/worker.ts), which renders pages again after a template they use
 * changed. Not during `next build`, and only in the Node.js runtime.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build' || !process.env.DATABASE_URL) return;
  const { startServerBackgroundWork } = await import('@/lib/server/templates/worker');
  await startServerBackgroundWork();
}
