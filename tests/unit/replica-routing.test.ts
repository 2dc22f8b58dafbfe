import { describe, expect, it } from 'vitest';
import {
  formatWalPosition,
  parseWalPosition,
  READ_POSITION_COOKIE,
  readPositionLifetimeSeconds,
  readPositionOfCookies,
  readPositionSetCookie,
} from '@/lib/domain/read-position.mjs';
import { isReadOnlyStatement, ReplicationLag, replicaErrorFallsBack } from '@/lib/domain/replica-routing';

describe('WAL positions', () => {
  it('reads PostgreSQL pg_lsn text and orders positions as the server does', () => {
    expect(parseWalPosition('0/16B3748')).toBe(0x16b3748n);
    expect(parseWalPosition('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    // 1/0 is past FFFFFFFF in the first segment: a string comparison would get this wrong.
    expect(parseWalPosition('1/0')! > parseWalPosition('0/FFFFFFFF')!).toBe(true);
    expect(parseWalPosition('A/10')! > parseWalPosition('9/FFFFFFFF')!).toBe(true);
  });

  it('round-trips through the text form', () => {
    for (const text of ['0/0', '0/16B3748', '16/B374D848', 'FFFFFFFF/FFFFFFFF']) expect(formatWalPosition(parseWalPosition(text)!)).toBe(text);
  });

  it('refuses anything that is not a position', () => {
    for (const text of ['', '0', '0/', '/1', '0/123456789', 'G/1', '0/1; Path=/', ' 0/1', 12, null, undefined]) expect(parseWalPosition(text)).toBeNull();
  });
});

describe('the read position cookie', () => {
  it('gives the position a reader must see, or 0 when there is none', () => {
    expect(readPositionOfCookies(undefined)).toBe(0n);
    expect(readPositionOfCookies('wiki_language=it')).toBe(0n);
    expect(readPositionOfCookies(`wiki_language=it; ${READ_POSITION_COOKIE}=0/3000148`)).toBe(0x3000148n);
  });

  it('reads the percent-encoded form Next.js forwards when it renders a Server Action redirect', () => {
    expect(readPositionOfCookies(`${READ_POSITION_COOKIE}=0%2F3000148`)).toBe(0x3000148n);
    expect(readPositionOfCookies(`${READ_POSITION_COOKIE}=0%2`)).toBe(0n);
  });

  it('takes the furthest valid position when the cookie is repeated, ignoring forged values', () => {
    const header = `${READ_POSITION_COOKIE}=0/3000148; ${READ_POSITION_COOKIE}=1/20; ${READ_POSITION_COOKIE}=FFFFFFFFF/1; x${READ_POSITION_COOKIE}=9/9`;
    expect(readPositionOfCookies(header)).toBe((1n << 32n) | 0x20n);
  });

  it('lives long enough for any replica in rotation to have replayed the write, and at least 10 s', () => {
    expect(readPositionLifetimeSeconds(1_000)).toBe(10);
    expect(readPositionLifetimeSeconds(5_000)).toBe(10);
    expect(readPositionLifetimeSeconds(30_000)).toBe(60);
  });

  it('is set for the whole site, out of reach of scripts', () => {
    expect(readPositionSetCookie(0x3000148n, 10)).toBe(`${READ_POSITION_COOKIE}=0/3000148; Path=/; Max-Age=10; HttpOnly; SameSite=Lax`);
  });
});

describe('which statements a replica may answer', () => {
  it('sends plain reads, as Prisma and the raw queries write them, to a replica', () => {
    for (const sql of [
      'SELECT "public"."pages"."id", "public"."pages"."updated_at" FROM "public"."pages" WHERE "public"."pages"."id" = $1 LIMIT $2 OFFSET $3',
      'WITH latest AS (SELECT page_id, max(id) FROM revisions GROUP BY page_id) SELECT * FROM latest',
      '  (SELECT 1) UNION (SELECT 2)',
      'select count(*) from revisions where comment ilike $1',
    ])
      expect(isReadOnlyStatement(sql), sql).toBe(true);
  });

  it('keeps writes, locks and functions with side effects on the primary', () => {
    for (const sql of [
      'INSERT INTO "public"."revisions" ("page_id") VALUES ($1) RETURNING "id"',
      'UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2 RETURNING user_id',
      'DELETE FROM sessions',
      'SELECT * FROM pages WHERE id = $1 FOR UPDATE',
      'SELECT * FROM jobs FOR NO KEY UPDATE SKIP LOCKED',
      'select id from pages for share',
      'WITH moved AS (UPDATE pages SET title = $1 RETURNING id) SELECT * FROM moved',
      'WITH gone AS (DELETE FROM drafts RETURNING id) SELECT count(*) FROM gone',
      "SELECT pg_notify('wiki_page_cache', $1)",
      "SELECT nextval('pages_id_seq')",
      'SELECT pg_advisory_xact_lock(hashtext($1))',
      "SELECT set_config('statement_timeout', '1s', false)",
      'BEGIN',
      'COMMIT',
      'LISTEN wiki_page_cache',
      '',
    ])
      expect(isReadOnlyStatement(sql), sql).toBe(false);
  });
});

describe('falling back to the primary', () => {
  it('retries reads a standby refused or lost, and takes an unreachable replica out', () => {
    expect(replicaErrorFallsBack(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }))).toEqual({ retry: true, replicaDown: true });
    expect(replicaErrorFallsBack(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toEqual({
      retry: true,
      replicaDown: true,
    });
    expect(replicaErrorFallsBack(Object.assign(new Error('cannot execute UPDATE in a read-only transaction'), { code: '25006' }))).toEqual({
      retry: true,
      replicaDown: false,
    });
    expect(replicaErrorFallsBack(Object.assign(new Error('canceling statement due to conflict with recovery'), { code: '40001' }))).toEqual({
      retry: true,
      replicaDown: false,
    });
  });

  it('passes on the errors the primary would give as well', () => {
    expect(replicaErrorFallsBack(Object.assign(new Error('syntax error at or near "SELCT"'), { code: '42601' }))).toEqual({ retry: false, replicaDown: false });
    expect(replicaErrorFallsBack(new Error('bug'))).toEqual({ retry: false, replicaDown: false });
  });
});

describe('replication lag', () => {
  it('is unknown before the primary was read, and 0 for a replica that has replayed its latest position', () => {
    const lag = new ReplicationLag(60_000);
    expect(lag.lagOf(10n, 1_000)).toBeNull();
    lag.notePrimary(10n, 1_000);
    expect(lag.lagOf(10n, 9_000)).toBe(0);
  });

  it('is the time since the primary was first seen past what the replica replayed', () => {
    const lag = new ReplicationLag(60_000);
    lag.notePrimary(10n, 1_000);
    lag.notePrimary(10n, 2_000); // no new position: an idle primary does not age the replica
    lag.notePrimary(20n, 3_000);
    lag.notePrimary(30n, 4_000);
    expect(lag.lagOf(10n, 6_000)).toBe(3_000);
    expect(lag.lagOf(25n, 6_000)).toBe(2_000);
    expect(lag.lagOf(30n, 6_000)).toBe(0);
  });

  it('counts a replica behind every sample kept as at least as old as the oldest', () => {
    const lag = new ReplicationLag(5_000);
    lag.notePrimary(10n, 0);
    lag.notePrimary(20n, 4_000);
    lag.notePrimary(30n, 8_000); // the sample at 0 is dropped, the one at 4 s kept
    expect(lag.lagOf(5n, 9_000)).toBe(5_000);
  });
});
