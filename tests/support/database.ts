import { inject } from 'vitest';

/** Points the server layer at the database prepared by global-database.ts. Import first in a test file. */
process.env.DATABASE_URL = inject('databaseUrl');
const poolSize = inject('databasePoolSize');
if (poolSize) process.env.DATABASE_POOL_SIZE = poolSize;

let counter = 0;
/** A page title no other test uses, so tests can share one database. */
export function uniqueTitle(prefix = 'Test page'): string {
  counter += 1;
  return `${prefix} ${process.pid} ${Date.now().toString(36)} ${counter}`;
}
