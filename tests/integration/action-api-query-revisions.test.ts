import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueTitle } from '../support/database';
import { newEditor, saveEdits, type TestEditor } from '../support/rest-client';
import { GET } from '@/app/w/api.php/route';
import { createAccount } from '@/lib/server/accounts';
import { createApiToken } from '@/lib/server/api-tokens';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import type { Actor } from '@/lib/domain/policy';

/* prop=revisions: one page's history in both directions with continuation, content in rvslots=main, hidden parts. */

const ORIGIN = 'http://wiki.test';
type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function api(query: string, token?: string): Promise<Answer> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await GET(new Request(`${ORIGIN}/w/api.php?action=query&format=json&formatversion=2&${query}`, { headers }));
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}
const q = (value: string) => encodeURIComponent(value);

let editor: TestEditor;
let admin: Actor;
let adminToken: string;
let title: string;
let other: string;
let revisions: number[];

beforeAll(async () => {
  editor = await newEditor();
  const account = await createAccount({ username: `Revisions admin ${process.pid} ${Date.now()}`, password: 'revisions admin passphrase 77', admin: true }, null);
  admin = { userId: account.id, name: account.name, role: 'admin', createdAt: new Date(), editCount: 0, blocked: null };
  adminToken = (await createApiToken(account.id, 'revisions test')).token;
  title = uniqueTitle('Revisions');
  other = uniqueTitle('Revisions other');
  revisions = await saveEdits(
    editor,
    title,
    [1, 2, 3, 4, 5].map((n) => ({ text: `Text ${n}.`, summary: `edit ${n}`, minor: n === 2 })),
  );
  await saveEdits(editor, other, [{ text: 'Other.' }]);
});

/** Every batch of an enumeration, following rvcontinue. */
async function walk(query: string): Promise<number[][]> {
  const batches: number[][] = [];
  let next = '';
  for (let i = 0; i < 10; i += 1) {
    const answer = await api(`${query}${next}`);
    batches.push(answer.query.pages[0].revisions.map((revision: Answer) => revision.revid));
    if (!answer.continue) {
      expect(answer.batchcomplete).toBe(true);
      return batches;
    }
    expect(answer).not.toHaveProperty('batchcomplete');
    expect(answer.continue).toEqual({ rvcontinue: expect.stringMatching(/^\d{14}\|\d+$/), continue: '||' });
    next = `&continue=${q(answer.continue.continue)}&rvcontinue=${q(answer.continue.rvcontinue)}`;
  }
  throw new Error('did not finish');
}

describe('prop=revisions on one page', () => {
  it('gives the latest revision with MediaWiki’s default properties', async () => {
    const [page] = (await api(`titles=${q(title)}&prop=revisions`)).query.pages;
    expect(page.revisions).toEqual([
      { revid: revisions[4], parentid: revisions[3], minor: false, user: editor.name, timestamp: expect.stringMatching(/Z$/), comment: 'edit 5' },
    ]);
  });

  it('pages older with rvlimit and rvcontinue, and newer the other way round', async () => {
    const base = `titles=${q(title)}&prop=revisions&rvprop=ids|flags&rvlimit=2`;
    expect(await walk(base)).toEqual([[revisions[4], revisions[3]], [revisions[2], revisions[1]], [revisions[0]]]);
    expect(await walk(`${base}&rvdir=newer`)).toEqual([[revisions[0], revisions[1]], [revisions[2], revisions[3]], [revisions[4]]]);
    expect(await walk(`${base}&rvstartid=${revisions[3]}&rvendid=${revisions[1]}`)).toEqual([[revisions[3], revisions[2]], [revisions[1]]]);
  });

  it('gives content in rvslots=main, and the legacy shape with a warning without rvslots', async () => {
    const slots = await api(`titles=${q(title)}&prop=revisions&rvprop=content|size|sha1&rvslots=main`);
    const [revision] = slots.query.pages[0].revisions;
    expect(revision).toEqual({
      size: 7,
      sha1: expect.stringMatching(/^[0-9a-f]{40}$/),
      slots: { main: { contentmodel: 'markdown', contentformat: 'text/markdown', content: 'Text 5.' } },
    });
    expect(slots).not.toHaveProperty('warnings');
    const legacy = await api(`titles=${q(title)}&prop=revisions&rvprop=content`);
    expect(legacy.query.pages[0].revisions[0]).toEqual({ contentmodel: 'markdown', contentformat: 'text/markdown', content: 'Text 5.' });
    expect(legacy.warnings.revisions.warnings).toContain('"rvslots" was not specified');
  });

  it('refuses the list options for several pages, as MediaWiki', async () => {
    const answer = await api(`titles=${q(`${title}|${other}`)}&prop=revisions&rvlimit=2`);
    expect(answer.error.code).toBe('invalidparammix');
    expect(answer.error.info).toContain('may only be used on a single page');
    const latest = await api(`titles=${q(`${title}|${other}`)}&prop=revisions&rvprop=ids`);
    expect(latest.query.pages.map((page: Answer) => page.revisions.length)).toEqual([1, 1]);
  });

  it('filters by rvuser and by timestamps', async () => {
    expect(await walk(`titles=${q(title)}&prop=revisions&rvprop=ids&rvuser=${q(editor.name)}&rvlimit=10`)).toEqual([[...revisions].reverse()]);
    expect((await api(`titles=${q(title)}&prop=revisions&rvuser=Nobody%20here&rvlimit=10`)).query.pages[0]).not.toHaveProperty('revisions');
    expect(await walk(`titles=${q(title)}&prop=revisions&rvprop=ids&rvend=2000-01-01T00:00:00Z&rvlimit=10`)).toEqual([[...revisions].reverse()]);
    expect((await api(`titles=${q(title)}&prop=revisions&rvstart=2000-01-01T00:00:00Z&rvlimit=10`)).query.pages[0]).not.toHaveProperty('revisions');
  });
});

describe('hidden revision parts', () => {
  it('flags the hidden text, summary and author, withholding them from all but administrators', async () => {
    await setRevisionVisibility(admin, { revisionId: revisions[1]!, hidden: 7, reason: 'test', seenHidden: 0, latestRevisionId: null });
    const query = `revids=${revisions[1]}&prop=revisions&rvprop=ids|user|userid|comment|content|sha1&rvslots=main`;
    const [anonymous] = (await api(query)).query.pages[0].revisions;
    expect(anonymous).toEqual({
      revid: revisions[1],
      parentid: revisions[0],
      userhidden: true,
      sha1hidden: true,
      commenthidden: true,
      texthidden: true,
      slots: { main: { contentmodel: 'markdown', contentformat: 'text/markdown', texthidden: true } },
    });
    const [administrator] = (await api(query, adminToken)).query.pages[0].revisions;
    expect(administrator).toMatchObject({
      userhidden: true,
      user: editor.name,
      commenthidden: true,
      comment: 'edit 2',
      texthidden: true,
      slots: { main: { content: 'Text 2.' } },
    });
  });
});
