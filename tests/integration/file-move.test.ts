// Moving a File page keeps its bytes, so the new name's extension must still fit the file's type
// (MediaWiki's imagetypemismatch): refused with a 400 that says which extensions fit, through the
// server call and Special:MovePage's Server Action, with nothing moved (docs/files.md).
import { uniqueTitle } from '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { uniqueJpeg, uniquePng } from '../support/file-upload-client';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { loadActor } from '@/lib/server/actors';
import { getDb } from '@/lib/server/db';
import { deletePage } from '@/lib/server/deletion';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { uploadFile } from '@/lib/server/files/upload';
import { fileDetails } from '@/lib/server/files/file-queries';
import { deletePageSchema } from '@/lib/domain/deletion';
import { isAppError, statusOf, type AppError } from '@/lib/domain/errors';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { NS, parseTitle } from '@/lib/domain/titles';

const { submitMove } = await import('@/app/actions/move');

let n = 0;
async function newActor(admin = false): Promise<Actor> {
  const account = await createAccount(
    { username: `File mover ${process.pid} ${Date.now().toString(36)} ${++n}`, password: 'Plover-Quartz-mover-lantern-orbit-9431', admin },
    null,
  );
  // Old enough and with edits: moving needs autoconfirmed.
  await getDb().user.update({ where: { id: account.id }, data: { createdAt: new Date(Date.now() - 30 * 86_400_000), editCount: 50 } });
  return (await loadActor(account.id))!;
}

async function upload(by: Actor, name: string, bytes: Buffer): Promise<void> {
  const outcome = await uploadFile({
    actor: by,
    title: parseTitle(`File:${name}`),
    bytes,
    comment: '',
    text: 'A picture.',
    ip: `192.0.2.${++n % 250}`,
    expect: null,
    confirm: [],
  });
  expect(outcome.status).toBe('uploaded');
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const move = (by: Actor, from: string, to: string) => movePage(by, { from: parseTitle(from), to: parseTitle(to), reason: 'rename', leaveRedirect: true, moveTalk: false });
const pageAt = (dbKey: string) => getDb().page.findUnique({ where: { namespace_title: { namespace: NS.FILE, title: dbKey } }, select: { id: true } });

describe('moving a File page to a name with another extension', () => {
  it('refuses a name whose extension does not fit the type, or has none, saying which fit; nothing moves', async () => {
    const by = await newActor();
    const name = `${uniqueTitle('Moved logo').replaceAll(' ', '_')}.png`;
    await upload(by, name, await uniquePng());
    const base = name.slice(0, -'.png'.length);

    const wrong = await refusal(move(by, `File:${name}`, `File:${base}.gif`));
    expect(wrong.code).toBe('BAD_TITLE');
    expect(statusOf(wrong.code)).toBe(400);
    expect(wrong.message).toBe(
      `The file cannot be moved to "File:${base.replaceAll('_', ' ')}.gif": The name ends in .gif, but the file is a PNG image. Please give it a name ending in .png.`,
    );
    const none = await refusal(move(by, `File:${name}`, `File:${base}`));
    expect(none.message).toMatch(/The name has no extension; the file is a PNG image, so please give it a name ending in \.png\.$/);
    expect(await pageAt(name)).not.toBeNull();
    expect(await pageAt(`${base}.gif`)).toBeNull();

    // The extension's case does not matter, as for uploads.
    await move(by, `File:${name}`, `File:${base}.PNG`);
    expect((await fileDetails(parseTitle(`File:${base}.PNG`), ANONYMOUS))?.latest).toMatchObject({ mime: 'image/png' });
  });

  it('accepts any of the type’s extensions (a JPEG as .jpeg), and answers the move form with the message', async () => {
    const by = await newActor();
    const base = uniqueTitle('Moved photo').replaceAll(' ', '_');
    await upload(by, `${base}.jpg`, await uniqueJpeg());
    await move(by, `File:${base}.jpg`, `File:${base}.jpeg`);
    expect(await pageAt(`${base}.jpeg`)).not.toBeNull();

    request.actor = by;
    const form = new FormData();
    for (const [field, value] of Object.entries({ from: `File:${base}.jpeg`, to: `File:${base}.webp`, reason: '', baseRevisionId: '' })) form.set(field, value);
    const state = await submitMove({ values: { from: '', to: '', reason: '', leaveRedirect: false, moveTalk: false, baseRevisionId: '' } }, form);
    expect(state.formError).toMatch(/The name ends in \.webp, but the file is a JPEG image\. Please give it a name ending in \.jpg, \.jpeg/);
    expect(state.values.to).toBe(`File:${base}.webp`);
    expect(await pageAt(`${base}.webp`)).toBeNull();
  });

  it('checks a deleted file’s newest version too, when its page was written again (undeletion would bring the file back under the new name)', async () => {
    const by = await newActor();
    const admin = await newActor(true);
    const name = `${uniqueTitle('Deleted logo').replaceAll(' ', '_')}.png`;
    await upload(by, name, await uniquePng());
    await deletePage(admin, deletePageSchema.parse({ title: `File:${name}`, reason: 'test' }));
    const written = await editPage(
      by,
      { title: parseTitle(`File:${name}`), content: 'Only a description now.', summary: '', minor: false, baseRevisionId: null },
      '127.0.0.1',
    );
    expect(written.status).not.toBe('conflict');
    expect((await fileDetails(parseTitle(`File:${name}`), admin))?.latest).toBeNull();
    const refused = await refusal(move(admin, `File:${name}`, `File:${name.slice(0, -4)}.gif`));
    expect(refused.message).toMatch(/the file is a PNG image/);
    await move(admin, `File:${name}`, `File:${name.slice(0, -4)}_renamed.png`);
  });
});
