import 'server-only';
import { replicaSetOf } from '@/lib/db/client';
import type { ReplicaHealth } from '@/lib/db/replica-set';
import { getDb, readFromPrimary } from '@/lib/server/db';

/** What GET /w/health answers: for load balancers and operators, so nothing secret (no URLs). */
export interface WikiHealth {
  status: 'ok' | 'degraded' | 'unavailable';
  primary: { reachable: boolean };
  replicas: ReplicaHealth[];
  /** Reads answered by each side since this instance started (none counted without replicas). */
  reads: { primary: number; replica: number };
}

/**
 * The instance's view of its databases: the primary asked now (one trivial query), the replicas as
 * the monitor last saw them (lib/db/replica-set.ts). "degraded": the primary serves, but a replica
 * is out of rotation; "unavailable" (503): the primary cannot be reached.
 */
export async function wikiHealth(): Promise<WikiHealth> {
  const db = getDb();
  const reachable = await readFromPrimary(() => db.$queryRaw`SELECT 1`).then(
    () => true,
    () => false,
  );
  const replicaSet = replicaSetOf(db);
  const replicas = replicaSet?.health() ?? [];
  const reads = replicaSet ? { ...replicaSet.reads } : { primary: 0, replica: 0 };
  const status = !reachable ? 'unavailable' : replicas.some((replica) => !replica.inRotation) ? 'degraded' : 'ok';
  return { status, primary: { reachable }, replicas, reads };
}
