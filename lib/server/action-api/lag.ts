import 'server-only';
import { replicaSetOf } from '@/lib/db/client';
import { getDb } from '@/lib/server/db';

/**
 * The most lagged replica, as MediaWiki's maxlag compares it (whole seconds, the replica's host),
 * or null without replicas. A replica taken out of rotation for lagging counts too: bots backing
 * off is what lets it catch up. One that cannot be reached has no lag to report and is left out.
 */
export function replicationLag(): { seconds: number; host: string } | null {
  const replicas = replicaSetOf(getDb())?.health() ?? [];
  let worst: { seconds: number; host: string } | null = null;
  for (const replica of replicas) {
    if (replica.lagMs === null) continue;
    const seconds = Math.floor(replica.lagMs / 1000);
    if (worst === null || seconds > worst.seconds) worst = { seconds, host: replica.host };
  }
  return worst;
}
