import { uniqueTitle } from '../support/database';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiPost, apiUser, apiWrite, apiGet, type ApiUser } from '../support/action-api-client';
import { getEditableSource } from '@/lib/server/pages';
import { getDb } from '@/lib/server/db';
import { parseTitle } from '@/lib/domain/titles';

let editor: ApiUser;

beforeAll(async () => {
  editor = await apiUser('Api editor');
});

const source = async (title: string) => (await getEditableSource(parseTitle(title)))?.text ?? null;
const edit = (params: Record<string, string>) => apiWrite(editor, { action: 'edit', ...params });

describe('action=edit', () => {
  it('creates a page, then edits it, answering as MediaWiki', async () => {
    const title = uniqueTitle('Api created');
    const created = await edit({ title, text: 'First text.', summary: 'new page' });
    expect(created.error).toBeUndefined();
    expect(created.edit).toMatchObject({ result: 'Success', title, contentmodel: 'markdown', new: true, oldrevid: 0 });
    expect(created.edit.newtimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const changed = await edit({ title, text: 'Second text.', minor: '1' });
    expect(changed.edit).toMatchObject({ result: 'Success', pageid: created.edit.pageid, oldrevid: created.edit.newrevid });
    expect(changed.edit.new).toBeUndefined();
    expect(changed.edit.newrevid).toBeGreaterThan(created.edit.newrevid);
    expect(await source(title)).toBe('Second text.');
    const same = await edit({ title, text: 'Second text.' });
    expect(same.edit).toMatchObject({ result: 'Success', nochange: true });
    expect(same.edit.newrevid).toBeUndefined();
  });

  it('appends and prepends, and edits by page id', async () => {
    const title = uniqueTitle('Api append');
    const created = await edit({ title, text: 'Middle.' });
    await edit({ title, appendtext: '\n\nEnd.' });
    await edit({ pageid: String(created.edit.pageid), prependtext: 'Start.\n\n' });
    expect(await source(title)).toBe('Start.\n\nMiddle.\n\nEnd.');
  });

  it('edits a numbered section and adds a new one under a heading', async () => {
    const title = uniqueTitle('Api sections');
    await edit({ title, text: 'Intro.\n\n## One\n\nFirst.\n\n## Two\n\nSecond.' });
    const sectioned = await edit({ title, section: '2', text: '## Two\n\nChanged second.' });
    expect(sectioned.edit.result).toBe('Success');
    expect(await source(title)).toBe('Intro.\n\n## One\n\nFirst.\n\n## Two\n\nChanged second.');
    const added = await edit({ title, section: 'new', sectiontitle: 'Three', text: 'Third. ~~~~', summary: 'adding three' });
    expect(added.edit.result).toBe('Success');
    const text = await source(title);
    expect(text).toMatch(/## Two\n\nChanged second\.\n\n## Three\n\nThird\. /);
    // As MediaWiki's: a new section is saved as sent; only the web form and REST sign an unsigned topic.
    await edit({ title, section: 'new', sectiontitle: 'Four', text: 'Unsigned report.' });
    expect(await source(title)).toMatch(/## Four\n\nUnsigned report\.$/);
    const revision = await getDb().revision.findUniqueOrThrow({ where: { id: added.edit.newrevid }, select: { summary: true } });
    expect(revision.summary).toBe('adding three');
    expect((await edit({ title, section: '9', text: 'x' })).error).toMatchObject({ code: 'nosuchsection', info: 'There is no section 9.' });
    expect((await edit({ title, section: 'x1', text: 'x' })).error?.code).toBe('invalidsection');
    expect((await edit({ title, section: 'new', text: '  ' })).error?.code).toBe('emptynewsection');
  });

  it('refuses a stale basetimestamp whose change overlaps, and merges one that does not', async () => {
    const title = uniqueTitle('Api conflict');
    const base = await edit({ title, text: 'line one\nline two\nline three\nline four\nline five' });
    const timestamp = base.edit.newtimestamp as string;
    const starttimestamp = new Date().toISOString();
    // Saved later (a second on), as another client would.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await edit({ title, text: 'line one changed\nline two\nline three\nline four\nline five' });
    const overlapping = await edit({ title, text: 'line one mine\nline two\nline three\nline four\nline five', basetimestamp: timestamp, starttimestamp });
    expect(overlapping.error).toMatchObject({ code: 'editconflict', info: 'Edit conflict.' });
    expect(overlapping.headers.get('mediawiki-api-error')).toBe('editconflict');
    const apart = await edit({ title, text: 'line one\nline two\nline three\nline four\nline five mine', basetimestamp: timestamp, starttimestamp, nocreate: '1' });
    expect(apart.edit?.result).toBe('Success');
    expect(await source(title)).toBe('line one changed\nline two\nline three\nline four\nline five mine');
  });

  it('never overwrites a change saved in the same second as the base the client names', async () => {
    const title = uniqueTitle('Api same second');
    const base = await edit({ title, text: 'alpha\nbeta' });
    const other = await edit({ title, text: 'alpha, by another client\nbeta' });
    // Both in one second (as two clients a few milliseconds apart): the timestamp cannot tell them apart.
    const baseAt = await getDb().revision.findUniqueOrThrow({ where: { id: base.edit.newrevid }, select: { createdAt: true } });
    const sameSecond = new Date(Math.floor(baseAt.createdAt.getTime() / 1000) * 1000 + 500);
    await getDb().revision.updateMany({ where: { id: { in: [base.edit.newrevid, other.edit.newrevid] } }, data: { createdAt: sameSecond } });
    const stale = await edit({ title, text: 'alpha, by this bot\nbeta', basetimestamp: base.edit.newtimestamp as string });
    expect(stale.error?.code).toBe('editconflict');
    expect(await source(title)).toBe('alpha, by another client\nbeta');
  });

  it('keeps createonly, nocreate and md5 as MediaWiki does', async () => {
    const title = uniqueTitle('Api flags');
    expect((await edit({ title, text: 'x', nocreate: '1' })).error).toMatchObject({ code: 'missingtitle', info: "The page you specified doesn't exist." });
    expect((await edit({ title, text: 'made', createonly: '1' })).edit.new).toBe(true);
    expect((await edit({ title, text: 'again', createonly: '1' })).error).toMatchObject({
      code: 'articleexists',
      info: 'The page you tried to create has been created already.',
    });
    expect((await edit({ title, text: 'hashed', md5: 'ffff' })).error?.code).toBe('badmd5');
    const md5 = createHash('md5').update('hashed', 'utf8').digest('hex');
    expect((await edit({ title, text: 'hashed', md5 })).edit.result).toBe('Success');
    expect((await edit({ title })).error?.code).toBe('missingparam');
    expect((await edit({ title, text: 'x', contentmodel: 'wikitext' })).error).toMatchObject({ code: 'badvalue', info: expect.stringContaining('"markdown"') });
  });

  it('undoes a revision', async () => {
    const title = uniqueTitle('Api undo');
    await edit({ title, text: 'alpha\n\nbeta' });
    const bad = await edit({ title, text: 'alpha\n\nbeta vandalised' });
    const undone = await edit({ title, undo: String(bad.edit.newrevid) });
    expect(undone.edit.result).toBe('Success');
    expect(await source(title)).toBe('alpha\n\nbeta');
    expect((await edit({ title, undo: '999999999' })).error?.code).toBe('nosuchrevid');
  });

  it('watches the page when asked', async () => {
    const title = uniqueTitle('Api watched edit');
    const saved = await edit({ title, text: 'watch me', watchlist: 'watch' });
    expect(saved.edit.watched).toBe(true);
    const unwatched = await edit({ title, text: 'not any more', watchlist: 'unwatch' });
    expect(unwatched.edit.watched).toBeUndefined();
  });
});

describe('the checks of every write', () => {
  it('needs a POST, the token in the body, and the right token', async () => {
    const title = uniqueTitle('Api token');
    const viaGet = await apiGet({ action: 'edit', title, text: 'x', token: editor.csrf }, editor.bearer);
    expect(viaGet.error?.code).toBe('mustbeposted');
    expect((await apiPost({ action: 'edit', title, text: 'x' }, editor.bearer)).error?.code).toBe('missingparam');
    expect((await apiPost({ action: 'edit', title, text: 'x', token: 'nonsense+\\' }, editor.bearer)).error).toMatchObject({ code: 'badtoken', info: 'Invalid CSRF token.' });
    const inQuery = await apiPost({ action: 'edit', title, text: 'x' }, editor.bearer, `?token=${encodeURIComponent(editor.csrf)}`);
    expect(inQuery.error?.code).toBe('mustpostparams');
    expect(await source(title)).toBeNull();
  });
});
