import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiUser, apiWrite, type ApiUser } from '../support/action-api-client';
import { getEditableSource } from '@/lib/server/pages';
import { getRedirectTarget } from '@/lib/server/redirects';
import { getPageProtection } from '@/lib/server/protection';
import { blockUser } from '@/lib/server/blocks';
import { consume, editLimitFor, LIMITS } from '@/lib/server/throttle';
import { blockFormSchema } from '@/lib/domain/blocks';
import { parseTitle } from '@/lib/domain/titles';

let editor: ApiUser;
let admin: ApiUser;

beforeAll(async () => {
  [editor, admin] = await Promise.all([apiUser('Api mover'), apiUser('Api admin', { admin: true })]);
});

const source = async (title: string) => (await getEditableSource(parseTitle(title)))?.text ?? null;

async function page(title: string, text = 'Some text.'): Promise<number> {
  const saved = await apiWrite(admin, { action: 'edit', title, text });
  expect(saved.error).toBeUndefined();
  return saved.edit.pageid as number;
}

describe('action=move', () => {
  it('moves a page and its talk page, leaving a redirect', async () => {
    const from = uniqueTitle('Api move from');
    const to = uniqueTitle('Api move to');
    await page(from, 'Moving text.');
    await page(`Talk:${from}`, 'Talk text.');
    const moved = await apiWrite(editor, { action: 'move', from, to, reason: 'better name', movetalk: '1' });
    expect(moved.move).toMatchObject({ from, to, reason: 'better name', redirectcreated: true, talkfrom: `Talk:${from}`, talkto: `Talk:${to}` });
    expect(await source(to)).toBe('Moving text.');
    expect((await getRedirectTarget(parseTitle(from)))?.target.prefixedText).toBe(to);
  });

  it('moves without a redirect, and refuses a move onto itself or onto an existing page', async () => {
    const from = uniqueTitle('Api move quiet');
    const to = uniqueTitle('Api move quiet target');
    await page(from);
    const moved = await apiWrite(editor, { action: 'move', from, to, noredirect: '1' });
    expect(moved.move).toMatchObject({ redirectcreated: false });
    expect(await source(from)).toBeNull();
    expect((await apiWrite(editor, { action: 'move', from: to, to })).error?.code).toBe('selfmove');
    const other = uniqueTitle('Api move taken');
    await page(other);
    expect((await apiWrite(editor, { action: 'move', from: to, to: other })).error?.code).toBe('articleexists');
    expect((await apiWrite(editor, { action: 'move', from: uniqueTitle('Api move nothing'), to: uniqueTitle('x') })).error?.code).toBe('missingtitle');
  });
});

describe('action=delete and action=undelete', () => {
  it('lets an administrator delete and restore a page', async () => {
    const title = uniqueTitle('Api delete');
    await page(title, 'Doomed text.');
    const deleted = await apiWrite(admin, { action: 'delete', title, reason: 'test deletion' });
    expect(deleted.delete).toMatchObject({ title, reason: 'test deletion' });
    expect(deleted.delete.logid).toBeGreaterThan(0);
    expect(await source(title)).toBeNull();
    expect((await apiWrite(admin, { action: 'delete', title })).error?.code).toBe('missingtitle');
    const restored = await apiWrite(admin, { action: 'undelete', title, reason: 'test restore' });
    expect(restored.undelete).toMatchObject({ title, revisions: 1, reason: 'test restore' });
    expect(await source(title)).toBe('Doomed text.');
    expect((await apiWrite(admin, { action: 'undelete', title })).error?.code).toBe('cantundelete');
  });

  it('refuses someone who is not an administrator', async () => {
    const title = uniqueTitle('Api delete refused');
    await page(title);
    const refused = await apiWrite(editor, { action: 'delete', title });
    expect(refused.error?.code).toBe('permissiondenied');
    expect(refused.headers.get('mediawiki-api-error')).toBe('permissiondenied');
    expect(await source(title)).toBe('Some text.');
  });

  it('refuses a recreation of a page deleted since starttimestamp unless recreate is set', async () => {
    const title = uniqueTitle('Api recreate');
    await page(title, 'Before.');
    const started = new Date(Date.now() - 1000).toISOString();
    await apiWrite(admin, { action: 'delete', title, reason: 'gone' });
    const refused = await apiWrite(editor, { action: 'edit', title, text: 'Again.', starttimestamp: started });
    expect(refused.error).toMatchObject({ code: 'pagedeleted', info: 'The page has been deleted since you fetched its timestamp.' });
    const recreated = await apiWrite(editor, { action: 'edit', title, text: 'Again.', starttimestamp: started, recreate: '1' });
    expect(recreated.edit?.new).toBe(true);
  });
});

describe('action=protect', () => {
  it('protects a page so that an editor cannot change it, then unprotects it', async () => {
    const title = uniqueTitle('Api protect');
    const pageId = await page(title, 'Protected text.');
    const protectedPage = await apiWrite(admin, { action: 'protect', title, protections: 'edit=sysop|move=autoconfirmed', expiry: 'infinite|1 week', reason: 'vandalism' });
    expect(protectedPage.protect).toMatchObject({ title, reason: 'vandalism' });
    expect(protectedPage.protect.protections[0]).toEqual({ edit: 'sysop', expiry: 'infinite' });
    expect(protectedPage.protect.protections[1].move).toBe('autoconfirmed');
    expect(protectedPage.protect.protections[1].expiry).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await getPageProtection(pageId)).edit?.level).toBe('admin');

    const refused = await apiWrite(editor, { action: 'edit', title, text: 'Vandalism.' });
    expect(refused.error?.code).toBe('protectedpage');
    expect(await source(title)).toBe('Protected text.');

    // Actions not listed lose their protection, as on MediaWiki.
    const lifted = await apiWrite(admin, { action: 'protect', title, protections: 'edit=all' });
    expect(lifted.protect.protections).toEqual([{ edit: '', expiry: 'infinite' }]);
    expect(await getPageProtection(pageId)).toEqual({});
    expect((await apiWrite(editor, { action: 'edit', title, text: 'Fine now.' })).edit?.result).toBe('Success');
  });

  it('refuses levels, actions and expiries it does not know, cascade, and non-administrators', async () => {
    const title = uniqueTitle('Api protect refusals');
    await page(title);
    const protect = (params: Record<string, string>, by = admin) => apiWrite(by, { action: 'protect', title, ...params });
    expect((await protect({ protections: 'edit=owner' })).error?.code).toBe('protect-invalidlevel');
    expect((await protect({ protections: 'create=sysop' })).error?.code).toBe('protect-invalidaction');
    expect((await protect({ protections: 'edit=sysop', expiry: 'soonish' })).error?.code).toBe('invalidexpiry');
    expect((await protect({ protections: 'edit=sysop', expiry: '2001-01-01T00:00:00Z' })).error?.code).toBe('pastexpiry');
    expect((await protect({ protections: 'edit=sysop|move=sysop', expiry: '1 week|1 day|1 month' })).error?.code).toBe('toofewexpiries');
    expect((await protect({ protections: 'edit=sysop', cascade: '1' })).error?.code).toBe('cantcascade');
    expect((await protect({ protections: 'edit=sysop' }, editor)).error?.code).toBe('permissiondenied');
  });
});

describe('refusals from the domain', () => {
  it('refuses a blocked user with blocked', async () => {
    const blocked = await apiUser('Api blocked');
    await blockUser(admin.actor, blockFormSchema.parse({ target: blocked.actor.name, expiry: '1 week', reason: 'Testing blocks', scope: 'sitewide', pages: '' }));
    const title = uniqueTitle('Api blocked edit');
    const refused = await apiWrite(blocked, { action: 'edit', title, text: 'x' });
    expect(refused.error?.code).toBe('blocked');
    expect(await source(title)).toBeNull();
  });

  it('refuses an editor past the edit throttle with ratelimited', async () => {
    const hasty = await apiUser('Api hasty');
    const limit = editLimitFor(hasty.actor);
    expect(limit).toBe(LIMITS.edit);
    for (let i = 0; i < limit.hits; i++) await consume(limit, `user:${hasty.actor.userId}`);
    const title = uniqueTitle('Api throttled');
    const refused = await apiWrite(hasty, { action: 'edit', title, text: 'x' });
    expect(refused.error?.code).toBe('ratelimited');
    expect(await source(title)).toBeNull();
  });
});
