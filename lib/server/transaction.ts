import 'server-only';
import type { getDb } from '@/lib/server/db';

/** The client handed to a Prisma interactive transaction callback. */
export type Transaction = Parameters<Parameters<ReturnType<typeof getDb>['$transaction']>[0]>[0];

/** The options of an interactive transaction (isolation level, timeouts). */
export type TransactionOptions = Parameters<ReturnType<typeof getDb>['$transaction']>[1];
