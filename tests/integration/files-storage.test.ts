// The PostgreSQL BlobStore: content-addressed, stored once, large blobs written and read in pieces
// (inside the caller's transaction or its own), all or nothing.
import '../support/database';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/server/db';
import { BLOB_CHUNK_BYTES, postgresBlobStore, sha1OfBytes } from '@/lib/server/files/storage';

/** Byte for byte (toEqual walks a typed array element by element: minutes for megabytes). */
function same(actual: Uint8Array | null, expected: Uint8Array): boolean {
  return actual !== null && Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength));
}

function pseudoRandom(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = ((i + seed) * 2654435761) >>> 24;
  return bytes;
}

describe('the PostgreSQL blob store', () => {
  it('stores small and multi-piece blobs once and reads them back byte for byte', async () => {
    const store = postgresBlobStore();
    const small = pseudoRandom(1000, 1);
    // Two and a half pieces, so the last one is short.
    const large = pseudoRandom(BLOB_CHUNK_BYTES * 2 + BLOB_CHUNK_BYTES / 2, 2);
    for (const bytes of [small, large]) {
      const sha1 = sha1OfBytes(bytes);
      expect(await store.has(sha1)).toBe(false);
      await store.put(sha1, bytes);
      await store.put(sha1, bytes);
      expect(await store.has(sha1)).toBe(true);
      expect(same(await store.get(sha1), bytes)).toBe(true);
      expect(await getDb().fileBlob.count({ where: { sha1 } })).toBe(1);
    }
    expect(await store.get('0'.repeat(40))).toBeNull();
    expect(await store.get('not a sha1')).toBeNull();
    // Megabytes through the embedded database: slow on a busy machine.
  }, 120_000);

  it('refuses a key that is not the SHA-1 of the bytes', async () => {
    const bytes = pseudoRandom(10, 3);
    await expect(postgresBlobStore().put(sha1OfBytes(pseudoRandom(10, 4)), bytes)).rejects.toThrow(/not the SHA-1/);
    expect(await postgresBlobStore().has(sha1OfBytes(bytes))).toBe(false);
  });

  it('writes several large blobs in one transaction, and none when it rolls back', async () => {
    const [a, b, c] = [5, 6, 7].map((seed) => pseudoRandom(BLOB_CHUNK_BYTES + 17, seed));
    await getDb().$transaction(
      async (tx) => {
        await postgresBlobStore(tx).put(sha1OfBytes(a!), a!);
        await postgresBlobStore(tx).put(sha1OfBytes(b!), b!);
      },
      { timeout: 60_000 },
    );
    expect(same(await postgresBlobStore().get(sha1OfBytes(a!)), a!)).toBe(true);
    expect(same(await postgresBlobStore().get(sha1OfBytes(b!)), b!)).toBe(true);
    await expect(
      getDb().$transaction(
        async (tx) => {
          await postgresBlobStore(tx).put(sha1OfBytes(c!), c!);
          throw new Error('refused later in the transaction');
        },
        { timeout: 60_000 },
      ),
    ).rejects.toThrow('refused later');
    expect(await postgresBlobStore().has(sha1OfBytes(c!))).toBe(false);
  }, 120_000);
});
