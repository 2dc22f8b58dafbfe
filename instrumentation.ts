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
