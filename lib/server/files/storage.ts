import 'server-only';
import { createHash } from 'node:crypto';
import { getDb } from '@/lib/server/db';
import type { Transaction } from '@/lib/server/transaction';
import { AppError } from '@/lib/domain/errors';

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

type Client = Transaction | ReturnType<typeof getDb>;

/**
 * The file_blobs store. Given a transaction, its writes commit or roll back with the caller's
 * (an upload stores its blob in the upload transaction, so a refused upload leaves nothing).
 * Without one, each call uses the shared pool.
 */
export function postgresBlobStore(client?: Client): BlobStore {
  const db = () => client ?? getDb();
  return {
    async put(sha1, bytes) {
      // A wrong key would serve other bytes under this address forever: check it, it is cheap.
      if (!SHA1_PATTERN.test(sha1) || sha1OfBytes(bytes) !== sha1) {
        throw new AppError('INTERNAL', `Blob key ${sha1} is not the SHA-1 of the bytes given.`);
      }
      // ON CONFLICT DO NOTHING: two uploads of the same bytes at once both succeed, one row stays.
      await db().$executeRaw`
        INSERT INTO file_blobs (sha1, size, bytes) VALUES (${sha1}, ${bytes.byteLength}, ${bytes})
        ON CONFLICT (sha1) DO NOTHING`;
    },
    async get(sha1) {
      if (!SHA1_PATTERN.test(sha1)) return null;
      const row = await db().fileBlob.findUnique({ where: { sha1 }, select: { bytes: true } });
      return row ? new Uint8Array(row.bytes) : null;
    },
    async has(sha1) {
      if (!SHA1_PATTERN.test(sha1)) return false;
      const rows = await db().$queryRaw<{ found: number }[]>`SELECT 1 AS found FROM file_blobs WHERE sha1 = ${sha1}`;
      return rows.length > 0;
    },
  };
}
