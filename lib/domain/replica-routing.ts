/**
 * The pure rules of reading from replicas (lib/db/routing-pool.ts applies them): which statements
 * may go to a replica at all, which replica errors mean "ask the primary instead", and how far
 * behind a replica is. Free of pg so that they are unit-tested directly.
 */
import { isDatabaseUnavailableError } from './database-faults';

/** Statements that take locks or change state, even when they start with SELECT or WITH. */
const WRITING_CLAUSE = /\bfor\s+(no\s+key\s+)?(update|share|key\s+share)\b|\b(insert|update|delete|merge)\s|\b(pg_notify|nextval|setval|pg_advisory\w*|set_config)\s*\(/i;

/**
 * Whether a statement only reads, so that a replica may answer it: it starts with SELECT, WITH,
 * SHOW or VALUES and names no writing clause. A guess from the text, erring towards the primary; a
 * write that slips through is refused by the read-only standby (SQLSTATE 25006) and re-run on the
 * primary (replicaErrorFallsBack).
 */
export function isReadOnlyStatement(sql: string): boolean {
  const start = /^[\s(]*(\w+)/.exec(sql)?.[1]?.toLowerCase();
  if (start !== 'select' && start !== 'with' && start !== 'show' && start !== 'values') return false;
  return !WRITING_CLAUSE.test(sql);
}

/**
 * SQLSTATEs after which the same read is asked of the primary: 25006 read_only_sql_transaction (a
 * write the text did not show), 40001 with a standby is a recovery conflict (replay cancelled the
 * query), 55000 object_not_in_prerequisite_state (a function a standby cannot run).
 */
const RETRY_ON_PRIMARY = new Set(['25006', '40001', '55000']);

/**
 * Whether a read that failed on a replica should be run on the primary, and whether the replica
 * itself is at fault (unreachable or shutting down: taken out of rotation until its next check).
 */
export function replicaErrorFallsBack(error: unknown): { retry: boolean; replicaDown: boolean } {
  if (isDatabaseUnavailableError(error)) return { retry: true, replicaDown: true };
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  return { retry: RETRY_ON_PRIMARY.has(code), replicaDown: false };
}

/** The primary's WAL position and when this process first saw it there. */
export interface PrimarySample {
  position: bigint;
  seenAt: number;
}

/**
 * How far behind the primary a replica is, in time: MediaWiki's heartbeat idea without a heartbeat
 * table. The monitor notes the primary's position each time it changes; a replica that has replayed
 * position P is as far behind as the time since the primary was first seen past P (0 when it has
 * replayed the latest position). Unlike now() − pg_last_xact_replay_timestamp(), an idle primary does
 * not make an up-to-date replica look old.
 */
export class ReplicationLag {
  private samples: PrimarySample[] = [];

  constructor(private readonly keepMs: number) {}

  /** Notes the primary's position as read at `now`. */
  notePrimary(position: bigint, now: number): void {
    const last = this.samples.at(-1);
    if (!last || position > last.position) this.samples.push({ position, seenAt: now });
    // The latest sample always stays: it is what "caught up" means.
    while (this.samples.length > 1 && this.samples[0]!.seenAt < now - this.keepMs) this.samples.shift();
  }

  /** Milliseconds a replica that has replayed `replayed` is behind, or null before any sample. */
  lagOf(replayed: bigint, now: number): number | null {
    if (this.samples.length === 0) return null;
    const firstAhead = this.samples.find((sample) => sample.position > replayed);
    if (!firstAhead) return 0;
    // Behind even the oldest sample kept: at least that old (keepMs exceeds any lag limit).
    return Math.max(0, now - firstAhead.seenAt);
  }
}
