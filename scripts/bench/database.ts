import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { EMBEDDED_POOL_SIZE, startEmbeddedDatabase } from '@/lib/db/embedded';
import { describeDatabaseUrl } from '../../runtime/database';

export interface BenchDatabase {
  url: string;
  label: string;
  /** Variables the wiki server needs for this database (the embedded one admits one connection per app). */
  serverEnv: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * The benchmark's own database: a fresh database on the PostgreSQL server of BENCH_DATABASE_URL,
 * DATABASE_URL or 127.0.0.1:5432 (dropped afterwards), or with `embedded` a throwaway PGlite
 * served from this process, as `npm start` serves it.
 */
export async function openBenchDatabase(embedded: boolean): Promise<BenchDatabase> {
  if (embedded) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wiki-bench-'));
    const db = await startEmbeddedDatabase({ dataDir: dir });
    return {
      url: db.url,
      label: 'embedded PGlite (in the benchmark process)',
      serverEnv: { DATABASE_POOL_SIZE: String(EMBEDDED_POOL_SIZE) },
      drop: async () => {
        await db.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const server = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
  const name = `wiki_bench_${Date.now()}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server.toString() });
    await client.connect();
    try {
      return await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const version = (await admin('SHOW server_version')).rows[0]?.server_version as string;
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    label: `PostgreSQL ${version.split(' ')[0]} at ${describeDatabaseUrl(server.toString()).replace(/\/.*$/, '')}`,
    serverEnv: {},
    drop: async () => void (await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

export interface StorageFigures {
  revisions: number;
  contents: number;
  /** Revisions, their texts and their stored renderings (tables with indexes and TOAST). */
  bytes: number;
}

export async function storageFigures(url: string): Promise<StorageFigures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ revisions: string; contents: string; bytes: string }>(
      `SELECT (SELECT count(*) FROM revisions) AS revisions, (SELECT count(*) FROM contents) AS contents,
              pg_total_relation_size('revisions') + pg_total_relation_size('contents') + pg_total_relation_size('rendered_revisions') AS bytes`,
    );
    const row = rows[0]!;
    return { revisions: Number(row.revisions), contents: Number(row.contents), bytes: Number(row.bytes) };
  } finally {
    await client.end();
  }
}
