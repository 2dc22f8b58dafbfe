// Two first uploads to the same new name at once (docs/files.md, "The upload transaction"). Neither
// finds a File page to lock, so both go on to create it: the one that commits second must end as
// MediaWiki ends it, with the `exists` warning (nothing written) or, when it confirmed `exists`, as
// the file's second version, never as a 409. On the embedded PGlite the two transactions take turns;
// with DATABASE_URL set (a PostgreSQL server) they really overlap, several pairs to catch the race.
import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { uploadFile, type UploadFileInput } from '@/lib/server/files/upload';
import { fileDetails } from '@/lib/server/files/file-queries';
import { editPage } from '@/lib/server/edit-page';
import { parseTitle } from '@/lib/domain/titles';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import type { UploadOutcome } from '@/lib/domain/files/types';

const PAIRS = 4;

let n = 0;
async function actor(): Promise<Actor> {
  const account = await createAccount({ username: `Racer ${process.pid} ${Date.now()} ${++n}`, password: 'files race passphrase', admin: false }, null);
  return { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(), editCount: 0, blocked: null };
}

let colour = 0;
function png(): Promise<Buffer> {
  colour += 1;
  return sharp({ create: { width: 8, height: 5, channels: 3, background: { r: colour & 255, g: (colour >> 8) & 255, b: 77 } } })
    .png()
    .toBuffer();
}

let address = 0;
function input(by: Actor, title: string, bytes: Uint8Array, extra: Partial<UploadFileInput> = {}): UploadFileInput {
  return { actor: by, title: parseTitle(title), bytes, comment: 'race', text: 'A racing picture.', ip: `203.0.113.${++address % 250}`, expect: null, confirm: [], ...extra };
}

const name = () => `File:${uniqueTitle('Race').replaceAll(' ', '_')}.png`;

async function pair(title: string, confirm: UploadFileInput['confirm']): Promise<UploadOutcome[]> {
  const [a, b] = [await actor(), await actor()];
  const [first, second] = [await png(), await png()];
  // Promise.all: any refusal (the 409 this guards against) fails the test with its message.
  return Promise.all([uploadFile(input(a, title, first, { confirm })), uploadFile(input(b, title, second, { confirm }))]);
}

describe('two first uploads to one new name at once', () => {
  it('creates the file once; the other upload gets the exists warning naming the version that won, and writes nothing', async () => {
    for (let i = 0; i < PAIRS; i += 1) {
      const title = name();
      const outcomes = await pair(title, []);
      const created = outcomes.filter((outcome) => outcome.status === 'uploaded');
      const warned = outcomes.filter((outcome) => outcome.status === 'warnings');
      expect(created).toHaveLength(1);
      expect(warned).toHaveLength(1);
      const winner = created[0]!;
      if (winner.status !== 'uploaded') throw new Error('unreachable');
      expect(winner.pageCreated).toBe(true);
      expect(warned[0]).toMatchObject({ warnings: [{ code: 'exists', latestVersionId: winner.version.id }], latestVersionId: winner.version.id });
      const details = await fileDetails(parseTitle(title), ANONYMOUS);
      expect(details?.versions.map((version) => version.id)).toEqual([winner.version.id]);
      // One description revision: the loser created no page and no revision.
      expect(await getDb().revision.count({ where: { pageId: details!.pageId } })).toBe(1);
    }
  });

  it('with exists confirmed, the second to commit becomes the second version', async () => {
    for (let i = 0; i < PAIRS; i += 1) {
      const title = name();
      const outcomes = await pair(title, ['exists']);
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['uploaded', 'uploaded']);
      const versions = outcomes.flatMap((outcome) => (outcome.status === 'uploaded' ? [outcome] : []));
      expect(versions.filter((outcome) => outcome.pageCreated)).toHaveLength(1);
      expect(versions.map((outcome) => outcome.logAction).sort()).toEqual(['overwrite', 'upload']);
      const details = await fileDetails(parseTitle(title), ANONYMOUS);
      expect(details?.versions).toHaveLength(2);
      const later = versions.find((outcome) => outcome.logAction === 'overwrite')!;
      expect(details?.latest?.id).toBe(later.version.id);
      expect(await getDb().revision.count({ where: { pageId: details!.pageId } })).toBe(1);
    }
  });

  it('an upload racing the File page’s creation by an edit lands as the first version under that page', async () => {
    for (let i = 0; i < PAIRS; i += 1) {
      const title = name();
      const by = await actor();
      const bytes = await png();
      const [outcome] = await Promise.all([
        uploadFile(input(by, title, bytes)),
        editPage(by, { title: parseTitle(title), content: 'Described before the file came.', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1').catch(
          // The edit may lose instead (the upload created the page first): that is the editor's conflict, not the upload's.
          () => null,
        ),
      ]);
      expect(outcome.status).toBe('uploaded');
      const details = await fileDetails(parseTitle(title), ANONYMOUS);
      expect(details?.versions).toHaveLength(1);
    }
  });
});
