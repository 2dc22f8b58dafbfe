import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueTitle } from '../support/database';
import { newEditor, saveEdits, type TestEditor } from '../support/rest-client';
import { GET } from '@/app/w/api.php/route';

/* action=query's core: the page set (titles, pageids, revids, generators, redirects), continuation and formatversion=1. */

const ORIGIN = 'http://wiki.test';
type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function api(query: string, formatversion = '2'): Promise<Answer> {
  const response = await GET(new Request(`${ORIGIN}/w/api.php?action=query&format=json&formatversion=${formatversion}&${query}`));
  expect(response.status).toBe(200);
  return (await response.json()) as Answer;
}
const q = (value: string) => encodeURIComponent(value);

let editor: TestEditor;
let tag: string;
let alpha: string;
let beta: string;
let redirect: string;
let alphaId: number;
let betaRevisions: number[];

beforeAll(async () => {
  editor = await newEditor();
  tag = uniqueTitle('Query');
  alpha = `${tag} alpha`;
  beta = `${tag} beta`;
  redirect = `${tag} redirect`;
  await saveEdits(editor, alpha, [{ text: `Links to [[${beta}]], [[Talk:${beta}]] and [[${alpha} missing]].\n\n[[Category:${alpha} cat]]` }]);
  betaRevisions = await saveEdits(editor, beta, [{ text: 'One.' }, { text: 'Two.' }]);
  await saveEdits(editor, redirect, [{ text: `#REDIRECT [[${alpha}#Top]]` }]);
  alphaId = (await api(`titles=${q(alpha)}`)).query.pages[0].pageid;
});

describe('the page set', () => {
  it('normalizes titles and reports missing and invalid ones as MediaWiki does', async () => {
    const lower = alpha.charAt(0).toLowerCase() + alpha.slice(1).replaceAll(' ', '_');
    const answer = await api(`titles=${q(`${lower}|${alpha} nowhere|Bad[title|Special:RecentChanges`)}`);
    expect(answer.batchcomplete).toBe(true);
    expect(answer.query.normalized).toEqual([{ fromencoded: false, from: lower, to: alpha }]);
    expect(answer.query.pages).toEqual([
      { ns: 0, title: `${alpha} nowhere`, missing: true },
      { title: 'Bad[title', invalidreason: expect.stringContaining('['), invalid: true },
      { ns: -1, title: 'Special:RecentChanges', special: true },
      { pageid: alphaId, ns: 0, title: alpha },
    ]);
  });

  it('resolves redirects with `redirects` and answers pageids and revids', async () => {
    const answer = await api(`titles=${q(redirect)}&redirects=1`);
    expect(answer.query.redirects).toEqual([{ from: redirect, to: alpha, tofragment: 'Top' }]);
    expect(answer.query.pages).toEqual([{ pageid: alphaId, ns: 0, title: alpha }]);
    expect((await api(`titles=${q(redirect)}`)).query.pages[0].title).toBe(redirect);

    const byId = await api(`pageids=${alphaId}|999999999&indexpageids=1`);
    expect(byId.query.pageids).toEqual(['999999999', String(alphaId)]);
    expect(byId.query.pages).toEqual([
      { pageid: 999999999, missing: true },
      { pageid: alphaId, ns: 0, title: alpha },
    ]);
    const byRev = await api(`revids=${betaRevisions[0]}|999999999&prop=revisions&rvprop=ids`);
    expect(byRev.query.badrevids).toEqual({ '999999999': { revid: 999999999, missing: true } });
    expect(byRev.query.pages[0]).toMatchObject({ title: beta, revisions: [{ revid: betaRevisions[0], parentid: 0 }] });
  });

  it('refuses titles together with pageids, and an unknown generator, with MediaWiki’s codes', async () => {
    expect((await api(`titles=A&pageids=1`)).error.code).toBe('invalidparammix');
    expect((await api(`generator=nosuch`)).error.code).toBe('badvalue');
    expect((await api(`titles=A&continue=broken`)).error.code).toBe('badcontinue');
  });
});

describe('generators', () => {
  it('generator=links makes the linked pages the page set, existing or not', async () => {
    const answer = await api(`generator=links&titles=${q(alpha)}&prop=info`);
    const titles = answer.query.pages.map((page: Answer) => page.title).sort();
    expect(titles).toEqual([`${alpha} missing`, beta, `Talk:${beta}`].sort());
    expect(answer.query.pages.find((page: Answer) => page.title === beta)).toMatchObject({ ns: 0, contentmodel: 'markdown', lastrevid: betaRevisions[1] });
    expect(answer.query.pages.find((page: Answer) => page.title === `Talk:${beta}`)).toMatchObject({ ns: 1, missing: true });
  });

  it('continues generator=links with gplcontinue, then says the batch is complete', async () => {
    const first = await api(`generator=links&titles=${q(alpha)}&gpllimit=2`);
    expect(first.query.pages).toHaveLength(2);
    expect(first.continue).toEqual({ gplcontinue: expect.stringMatching(new RegExp(`^${alphaId}\\|`)), continue: 'gplcontinue||' });
    expect(first.batchcomplete).toBe(true);
    const second = await api(`generator=links&titles=${q(alpha)}&gpllimit=2&continue=${q(first.continue.continue)}&gplcontinue=${q(first.continue.gplcontinue)}`);
    expect(second.query.pages).toHaveLength(1);
    expect(second).not.toHaveProperty('continue');
  });

  it('generator=categories gives the category pages', async () => {
    const answer = await api(`generator=categories&titles=${q(alpha)}`);
    expect(answer.query.pages).toEqual([{ ns: 14, title: `Category:${alpha} cat`, missing: true }]);
  });

  it('generator=allpages (a list generator) feeds prop modules, continuing with gapcontinue', async () => {
    const seen: string[] = [];
    let next = '&continue=';
    for (let batch = 0; batch < 5 && next !== ''; batch += 1) {
      const answer = await api(`generator=allpages&gapprefix=${q(tag)}&gaplimit=2&prop=revisions&rvprop=ids${next}`);
      expect(answer.batchcomplete).toBe(true);
      for (const page of answer.query.pages) {
        expect(page.revisions).toEqual([{ revid: expect.any(Number), parentid: expect.any(Number) }]);
        seen.push(page.title);
      }
      if (answer.continue) expect(answer.continue.continue).toBe('gapcontinue||');
      next = answer.continue ? `&continue=${q(answer.continue.continue)}&gapcontinue=${q(answer.continue.gapcontinue)}` : '';
    }
    expect(seen).toEqual([alpha, beta, redirect]);
  });
});

describe('continuation of prop modules', () => {
  it('repeats the page set while prop=links continues, with batchcomplete only at the end', async () => {
    const first = await api(`titles=${q(alpha)}&prop=links&pllimit=2`);
    expect(first.query.pages[0].links).toHaveLength(2);
    expect(first).not.toHaveProperty('batchcomplete');
    expect(first.continue).toEqual({ plcontinue: expect.any(String), continue: '||' });
    const second = await api(`titles=${q(alpha)}&prop=links&pllimit=2&continue=||&plcontinue=${q(first.continue.plcontinue)}`);
    expect(second.query.pages[0].links).toHaveLength(1);
    expect(second.batchcomplete).toBe(true);
    const all = [...first.query.pages[0].links, ...second.query.pages[0].links];
    // A finished batch: the prop module does not run again, and its parameters are no surprise.
    const done = await api(`titles=${q(alpha)}&prop=links&pllimit=2&plnamespace=0&continue=-||links`);
    expect(done).toEqual({ batchcomplete: true });
    expect(all).toEqual([
      { ns: 0, title: `${alpha} missing` },
      { ns: 0, title: beta },
      { ns: 1, title: `Talk:${beta}` },
    ]);
  });
});

describe('formatversion=1', () => {
  it('keys pages by id (missing ones by -1), with "" for true and content under "*"', async () => {
    const answer = await api(`titles=${q(`${beta}|${alpha} nowhere`)}&prop=revisions&rvprop=content&rvslots=main`, '1');
    expect(answer.batchcomplete).toBe('');
    const betaId = Object.keys(answer.query.pages).find((key) => Number(key) > 0)!;
    expect(answer.query.pages['-1']).toEqual({ ns: 0, title: `${alpha} nowhere`, missing: '' });
    expect(answer.query.pages[betaId].revisions[0].slots.main).toEqual({ contentmodel: 'markdown', contentformat: 'text/markdown', '*': 'Two.' });
  });
});
