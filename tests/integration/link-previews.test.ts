// Link previews on the real database (docs/sharing.md): a save stores the description and the
// preview file with the revision's rendering; loadLinkPreview reads them with the article's own
// statement and never lets anything hidden or deleted into a preview.
import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { uploadFile } from '@/lib/server/files/upload';
import { deletePage } from '@/lib/server/deletion';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import { rebuildDerivedData } from '@/lib/server/derived/rebuild';
import { articlePreviewMetadata, loadLinkPreview } from '@/lib/server/link-preview';
import { deletePageSchema, revisionVisibilitySchema } from '@/lib/domain/deletion';
import { parseTitle } from '@/lib/domain/titles';
import { readArticlePage } from '@/lib/server/article-page';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';

const ORIGIN = 'https://fans.example.org';

let n = 0;
async function newActor(role: 'registered' | 'admin' = 'registered'): Promise<Actor> {
  const account = await createAccount(
    { username: `Preview tester ${process.pid} ${Date.now()} ${++n}`, password: 'preview tester passphrase', admin: role === 'admin' },
    null,
  );
  return { userId: account.id, name: account.name, role, createdAt: new Date(0), editCount: 100, blocked: null };
}

async function save(by: Actor, title: string, content: string, baseRevisionId: number | null, summary = ''): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary, minor: false, baseRevisionId }, '192.0.2.9');
  if (outcome.status !== 'saved') throw new Error(`not saved: ${outcome.status}`);
  return outcome.revisionId;
}

async function uploadPng(by: Actor, name: string, width: number, height: number): Promise<string> {
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .png()
    .toBuffer();
  const outcome = await uploadFile({ actor: by, title: parseTitle(`File:${name}`), bytes, comment: '', text: '', ip: '192.0.2.9', expect: null, confirm: ['exists'] });
  if (outcome.status !== 'uploaded') throw new Error(`unexpected warnings: ${JSON.stringify(outcome.warnings)}`);
  return outcome.version.sha1!;
}

async function storedSummary(revisionId: number) {
  return getDb().renderedRevision.findUniqueOrThrow({ where: { revisionId }, select: { description: true, previewFile: true } });
}

describe('link previews', () => {
  it('are stored with the rendering at save, and read back with an absolute thumbnail once the file exists', async () => {
    const editor = await newActor();
    const title = uniqueTitle('Shared page');
    const file = `${uniqueTitle('Preview logo').replaceAll(' ', '_')}.png`;
    const revision = await save(editor, title, `[[File:${file}|thumb|The logo]]\n\nThe **lead** of the page, see [[Other page|elsewhere]].[^1]\n\n[^1]: A source.`, null);

    expect(await storedSummary(revision)).toEqual({ description: 'The lead of the page, see elsewhere.', previewFile: file });
    const created = (await getDb().revision.findUniqueOrThrow({ where: { id: revision }, select: { createdAt: true } })).createdAt;

    // Not uploaded yet: no picture.
    expect(await loadLinkPreview(parseTitle(title), ORIGIN)).toEqual({
      description: 'The lead of the page, see elsewhere.',
      image: null,
      modifiedTime: created.toISOString(),
    });

    const sha1 = await uploadPng(editor, file, 600, 300);
    const preview = await loadLinkPreview(parseTitle(title), ORIGIN);
    expect(preview?.image).toEqual({ url: `${ORIGIN}/images/thumb/${sha1}/600px-${file}`, width: 600, height: 300, alt: `File:${file.replaceAll('_', ' ')}` });
    // The File page's preview shows the file itself.
    expect((await loadLinkPreview(parseTitle(`File:${file}`), ORIGIN))?.image?.url).toBe(`${ORIGIN}/images/thumb/${sha1}/600px-${file}`);
    // Without a configured address there is no absolute URL to give, so no picture.
    expect((await loadLinkPreview(parseTitle(title), null))?.image).toBeNull();

    // The whole metadata, as generateMetadata gets it, with NEXTAUTH_URL as the site's address.
    process.env.NEXTAUTH_URL = ORIGIN;
    try {
      const metadata = await articlePreviewMetadata(parseTitle(title), 'it');
      expect(metadata).toMatchObject({
        description: 'The lead of the page, see elsewhere.',
        openGraph: { type: 'article', url: `${ORIGIN}/wiki/${parseTitle(title).dbKey}`, locale: 'it_IT', modifiedTime: created.toISOString() },
        twitter: { card: 'summary_large_image' },
      });
    } finally {
      delete process.env.NEXTAUTH_URL;
    }

    // The file deleted: the picture goes with it.
    const admin = await newActor('admin');
    await deletePage(admin, deletePageSchema.parse({ title: `File:${file}`, reason: 'test', latestRevisionId: '' }));
    expect((await loadLinkPreview(parseTitle(title), ORIGIN))?.image).toBeNull();
    expect(await loadLinkPreview(parseTitle(`File:${file}`), ORIGIN)).toBeNull();
  });

  it('never show hidden revision text or summaries, deleted pages or redirects', async () => {
    const [editor, admin] = [await newActor(), await newActor('admin')];
    const title = uniqueTitle('Once abused');
    const abusive = await save(editor, title, 'SECRET-TEXT of a vandal.', null, 'SECRET-SUMMARY');
    const clean = await save(editor, title, 'A clean lead.', abusive, 'revert');
    await setRevisionVisibility(
      admin,
      revisionVisibilitySchema.parse({ revisionId: String(abusive), hideText: 'on', hideSummary: 'on', hideAuthor: '', reason: 'abuse', seenHidden: '0' }),
    );
    const metadata = await articlePreviewMetadata(parseTitle(title), 'en');
    expect(metadata).toMatchObject({ description: 'A clean lead.' });
    expect(JSON.stringify(metadata)).not.toMatch(/SECRET/);

    // A current revision whose text is hidden (as an imported dump may bring it): no preview at all.
    await getDb().revision.update({ where: { id: clean }, data: { hidden: 1 } });
    expect(await loadLinkPreview(parseTitle(title), ORIGIN)).toBeNull();
    expect(await articlePreviewMetadata(parseTitle(title), 'en')).toEqual({});
    await getDb().revision.update({ where: { id: clean }, data: { hidden: 0 } });

    // Deleted: nothing, though its renderings are still stored.
    await deletePage(admin, deletePageSchema.parse({ title, reason: 'test', latestRevisionId: String(clean) }));
    expect(await storedSummary(clean)).toMatchObject({ description: 'A clean lead.' });
    expect(await loadLinkPreview(parseTitle(title), ORIGIN)).toBeNull();

    // A redirect has no preview of its own (its target has).
    const redirect = uniqueTitle('Redirect to somewhere');
    await save(editor, redirect, `#REDIRECT [[${uniqueTitle('Somewhere')}]]`, null);
    expect(await loadLinkPreview(parseTitle(redirect), ORIGIN)).toBeNull();
    expect(await loadLinkPreview(parseTitle(uniqueTitle('Never written')), ORIGIN)).toBeNull();
  });

  it('are computed once for renderings stored before they existed, on first view or by derived:rebuild', async () => {
    const editor = await newActor();
    const [first, second] = [uniqueTitle('Old rendering'), uniqueTitle('Older rendering')];
    const firstRevision = await save(editor, first, 'Text from before previews. [[File:Old.png|thumb]]', null);
    const secondRevision = await save(editor, second, 'Also from before.', null);
    const html = (await getDb().renderedRevision.findUniqueOrThrow({ where: { revisionId: firstRevision } })).html;
    await getDb().renderedRevision.updateMany({ where: { revisionId: { in: [firstRevision, secondRevision] } }, data: { description: null, previewFile: null } });

    expect((await loadLinkPreview(parseTitle(first), ORIGIN))?.description).toBe('Text from before previews.');
    expect(await storedSummary(firstRevision)).toEqual({ description: 'Text from before previews.', previewFile: 'Old.png' });
    // The stored HTML is what readers saw: only the summary columns were filled.
    expect((await getDb().renderedRevision.findUniqueOrThrow({ where: { revisionId: firstRevision } })).html).toBe(html);

    await rebuildDerivedData();
    expect(await storedSummary(secondRevision)).toEqual({ description: 'Also from before.', previewFile: null });

    // A revision imported without any rendering: the article and its preview, asked at once, store one.
    const third = uniqueTitle('Imported without rendering');
    const thirdRevision = await save(editor, third, 'Imported lead.', null);
    await getDb().renderedRevision.delete({ where: { revisionId: thirdRevision } });
    const [preview, page] = await Promise.all([loadLinkPreview(parseTitle(third), ORIGIN), readArticlePage(parseTitle(third), ANONYMOUS)]);
    expect(preview?.description).toBe('Imported lead.');
    expect(page?.kind === 'show' && page.article.html).toBe('<p>Imported lead.</p>');
    expect(await getDb().renderedRevision.findUniqueOrThrow({ where: { revisionId: thirdRevision }, select: { html: true, description: true } })).toEqual({
      html: '<p>Imported lead.</p>',
      description: 'Imported lead.',
    });
  });
});
