import 'server-only';
import { createHash } from 'node:crypto';
import { getDb } from '@/lib/server/db';
import type { Transaction } from '@/lib/server/transaction';

/**
 * Where file bytes live, content-addressed by their hex SHA-1 (as MediaWiki's storage): identical
 * uploads are stored once, and an address never changes meaning. The one implementation keeps
 * them in PostgreSQL (docs/files.md, "Data"); an object store would be a second implementation.
 */
export interface BlobStore {
  /** Stores the bytes under their SHA-1 unless they are there already (refuses a SHA-1 that does not match). */
  put(sha1: string, bytes: Uint8Array): Promise<void>;
  get(sha1: string): Promise<Uint8Array | null>;
  has(sha1: string): Promise<boolean>;
}

export function sha1OfBytes(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

const SHA1_PATTERN = /^[0-9a-f]{40}$/;

/**
 * Bytes are read in pieces of this size. One 10 MiB parameter took 11 s to write and 5 s to read
 * on the embedded database (pglite-socket handles one large protocol message slowly), longer
 * than a transaction may last; in 1 MiB pieces the same bytes took 1.4 s each way.
 */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

/**
 * Bytes are written in smaller pieces, for the server's memory. Prisma passes a raw query's
 * parameters through JSON, bytes as base64: a 1 MiB piece became a 1.4 MB base64 string, its JSON
 * and the parsed copy, and such large strings went to V8's old generation, where they stayed
 * until a full collection (the heap grew by about 55 MB while eight 10 MiB uploads arrived, two
 * at a time). The copies of a 64 KiB piece stay in the young generation, which the next short
 * collection empties: the eight uploads then peaked 40–60 MB lower (docs/files.md, "The 400 MB
 * budget"), for about 10% more time per upload (one statement per piece).
 */
export const BLOB_WRITE_PIECE_BYTES = 64 * 1024;

/** Writes a large blob from pieces gathered in a temporary table, in one statement: all or nothing. */
async function putInPieces(tx: Transaction, sha1: string, bytes: Uint8Array): Promise<void> {
  // IF NOT EXISTS and the DELETE: one transaction may store several blobs (a backup import).
  await tx.$executeRaw`CREATE TEMP TABLE IF NOT EXISTS file_blob_pieces (n int PRIMARY KEY, piece bytea NOT NULL) ON COMMIT DROP`;
  await tx.$executeRaw`DELETE FROM file_blob_pieces`;
  for (let offset = 0, n = 0; offset < bytes.byteLength; offset += BLOB_WRITE_PIECE_BYTES, n += 1) {
    await tx.$executeRaw`INSERT INTO file_blob_pieces (n, piece) VALUES (${n}, ${bytes.subarray(offset, offset + BLOB_WRITE_PIECE_BYTES)})`;
  }
  // ON CONFLICT DO NOTHING: two uploads of the same bytes at once both succeed, one row stays.
  await tx.$executeRaw`
    INSERT INTO file_blobs (sha1, size, bytes)
    SELECT ${sha1}, ${bytes.byteLength}, string_agg(piece, ''::bytea ORDER BY n) FROM file_blob_pieces
    ON CONFLICT (sha1) DO NOTHING`;
  await tx.$executeRaw`DELETE FROM file_blob_pieces`;
}

/**
 * The file_blobs store. Given a transaction, its writes commit or roll back with the caller's
 * (an upload stores its blob in the upload transaction, so a refused upload leaves nothing).
 * Without one, each call uses the shared pool.
 */
export function postgresBlobStore(tx?: Transaction): BlobStore {
  const db = () => tx ?? getDb();
  return {
    async put(sha1, bytes) {
      // A wrong key would serve other bytes under this address forever: check it, it is cheap.
      if (!SHA1_PATTERN.test(sha1) || sha1OfBytes(bytes) !== sha1) {
        throw new Error(`Blob key ${sha1} is not the SHA-1 of the bytes given.`);
      }
      if (bytes.byteLength <= BLOB_WRITE_PIECE_BYTES) {
        await db().$executeRaw`
          INSERT INTO file_blobs (sha1, size, bytes) VALUES (${sha1}, ${bytes.byteLength}, ${bytes})
          ON CONFLICT (sha1) DO NOTHING`;
        return;
      }
      if (tx) await putInPieces(tx, sha1, bytes);
      else await getDb().$transaction((own) => putInPieces(own, sha1, bytes), { timeout: 60_000 });
    },
    async get(sha1) {
      if (!SHA1_PATTERN.test(sha1)) return null;
      const rows = await db().$queryRaw<{ size: number; head: Uint8Array }[]>`
        SELECT size, substring(bytes FROM 1 FOR ${BLOB_CHUNK_BYTES}) AS head FROM file_blobs WHERE sha1 = ${sha1}`;
      const row = rows[0];
      if (!row) return null;
      if (row.size <= BLOB_CHUNK_BYTES) return new Uint8Array(row.head);
      const bytes = new Uint8Array(row.size);
      bytes.set(row.head, 0);
      for (let offset = row.head.byteLength; offset < row.size; offset += BLOB_CHUNK_BYTES) {
        const pieces = await db().$queryRaw<{ piece: Uint8Array }[]>`
          SELECT substring(bytes FROM ${offset + 1} FOR ${BLOB_CHUNK_BYTES}) AS piece FROM file_blobs WHERE sha1 = ${sha1}`;
        const piece = pieces[0]?.piece;
        // Blobs never change once written: a missing or short piece means the row is damaged.
        if (!piece || piece.byteLength === 0) throw new Error(`Blob ${sha1} is shorter than its recorded size.`);
        bytes.set(piece, offset);
      }
      return bytes;
    },
    async has(sha1) {
      if (!SHA1_PATTERN.test(sha1)) return false;
      const rows = await db().$queryRaw<{ found: number }[]>`SELECT 1 AS found FROM file_blobs WHERE sha1 = ${sha1}`;
      return rows.length > 0;
    },
  };
}
