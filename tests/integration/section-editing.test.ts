import { uniqueTitle } from '../support/database';
import { latestText } from '../support/page-text';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { newEditor, pagePath, readJson, restRequest, type TestEditor } from '../support/rest-client';
import { GET, PUT } from '@/app/w/rest.php/v1/page/[...path]/route';
import { editPage, type EditOutcome } from '@/lib/server/edit-page';
import { getDb } from '@/lib/server/db';
import { isAppError } from '@/lib/domain/errors';
import type { Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';
import { sectionText } from '@/lib/domain/sections';

// lib/server/auth.ts reads the secret when it is first imported: set it before any import runs.
vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'section-editing-test-secret-0123456789abcdef';
});

const PAGE = ['Lead.', '', '## History', '', 'Founded in 1990.', '', '### Early years', '', 'Small.', '', '## Members', '', 'Many.', ''].join('\n');

let editor: TestEditor;
let actor: Actor;

// A fresh editor per test: the edit throttle (30 a minute per user) must not carry over between tests.
beforeEach(async () => {
  editor = await newEditor();
  actor = { userId: editor.id, name: editor.name, role: 'registered', createdAt: new Date(), editCount: 0, blocked: null };
});

function edit(title: string, content: string, baseRevisionId: number | null, section: number | null = null, summary = ''): Promise<EditOutcome> {
  return editPage(actor, { title: parseTitle(title), content, summary, minor: false, baseRevisionId, section }, '127.0.0.1');
}

async function created(title: string, text = PAGE): Promise<number> {
  const outcome = await edit(title, text, null);
  expect(outcome.status).toBe('saved');
  return (outcome as { revisionId: number }).revisionId;
}

describe('section edits through editPage', () => {
  it('replaces only the section, in the base revision, keeping the rest byte for byte', async () => {
    const title = uniqueTitle('Section edit');
    const base = await created(title);
    const outcome = await edit(title, '### Early years\n\nVery small.', base, 2, '/* Early years */ detail');
    expect(outcome.status).toBe('saved');
    expect(await latestText(title)).toBe(PAGE.replace('Small.', 'Very small.'));
    const revision = await getDb().revision.findUniqueOrThrow({ where: { id: (outcome as { revisionId: number }).revisionId }, select: { summary: true } });
    expect(revision.summary).toBe('/* Early years */ detail');
  });

  it('merges with an edit saved meanwhile in another section', async () => {
    const title = uniqueTitle('Section merge');
    const base = await created(title);
    // Someone else changes the lead after the section editor opened section 3.
    expect((await edit(title, PAGE.replace('Lead.', 'A new lead.'), base)).status).toBe('saved');
    const outcome = await edit(title, '## Members\n\nMany, in 67 countries.', base, 3);
    expect(outcome.status).toBe('merged');
    expect(await latestText(title)).toBe(PAGE.replace('Lead.', 'A new lead.').replace('Many.', 'Many, in 67 countries.'));
  });

  it('merges even when the other edit added a heading before the section (numbers are read in the base)', async () => {
    const title = uniqueTitle('Section shift');
    const base = await created(title);
    await edit(title, PAGE.replace('## History', '## Overview\n\nNew.\n\n## History'), base);
    expect((await edit(title, '## Members\n\nFew.', base, 3)).status).toBe('merged');
    expect(await latestText(title)).toBe(PAGE.replace('## History', '## Overview\n\nNew.\n\n## History').replace('Many.', 'Few.'));
  });

  it('gives a conflict with nothing lost when the same section was changed meanwhile, and saves nothing', async () => {
    const title = uniqueTitle('Section conflict');
    const base = await created(title);
    const theirs = PAGE.replace('Many.', 'Hundreds.');
    await edit(title, theirs, base);
    const outcome = await edit(title, '## Members\n\nDozens ~~~~.', base, 3);
    expect(outcome.status).toBe('conflict');
    const conflict = outcome as Extract<EditOutcome, { status: 'conflict' }>;
    expect(conflict.currentText).toBe(theirs);
    // The whole page as the editor meant it: their section text, unsigned, in the base revision.
    expect(conflict.yourText).toBe(PAGE.replace('Many.', 'Dozens ~~~~.'));
    expect(sectionText(conflict.yourText, 3)).toBe('## Members\n\nDozens ~~~~.');
    expect(await latestText(title)).toBe(theirs);
  });

  it('expands signatures in the section only', async () => {
    const title = uniqueTitle('Section sign');
    const base = await created(title, '## A\n\n```\n~~~~\n```\n\n## B\n\nx\n');
    await edit(title, '## B\n\nsigned ~~~~', base, 2);
    const text = await latestText(title);
    expect(text.startsWith('## A\n\n```\n~~~~\n```\n\n## B\n\nsigned [[User:')).toBe(true);
  });

  it('refuses a section the base revision does not have, and a section edit of a missing page, as invalid input', async () => {
    const title = uniqueTitle('Section missing');
    const base = await created(title);
    for (const [section, revision] of [
      [4, base],
      [1, null],
    ] as const) {
      const error = await edit(title, 'x', revision, section).catch((caught: unknown) => caught);
      expect(isAppError(error) && error.code).toBe('VALIDATION');
      expect(isAppError(error) && error.fieldErrors?.section).toMatch(/has no section/);
    }
    expect(await latestText(title)).toBe(PAGE);
  });
});

const put = (title: string, body: Record<string, unknown>) => PUT(restRequest(pagePath(title), { method: 'PUT', token: editor.token, json: { comment: 'edit', ...body } }));

async function latestId(title: string): Promise<number> {
  const response = await GET(restRequest(pagePath(title)));
  return (await readJson<{ latest: { id: number } }>(response)).latest.id;
}

describe('PUT /page/{title} with "section"', () => {
  it('replaces the section of the "latest" revision and merges with a later edit elsewhere', async () => {
    const title = uniqueTitle('Rest section');
    const base = await created(title);
    await edit(title, PAGE.replace('Lead.', 'Lead, edited.'), base);
    const response = await put(title, { source: '## History\n\nFounded in 1990 in Stockholm.', latest: { id: base }, section: 1, comment: '/* History */ place' });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await latestText(title)).toBe(['Lead, edited.', '', '## History', '', 'Founded in 1990 in Stockholm.', '', '## Members', '', 'Many.', ''].join('\n'));
  });

  it('answers 409 when the same section changed meanwhile', async () => {
    const title = uniqueTitle('Rest section conflict');
    const base = await created(title);
    await edit(title, PAGE.replace('Many.', 'Hundreds.'), base);
    const response = await put(title, { source: '## Members\n\nDozens.', latest: { id: base }, section: 3 });
    expect(response.status).toBe(409);
    expect(await latestText(title)).toBe(PAGE.replace('Many.', 'Hundreds.'));
  });

  it('answers 400 naming the field for a bad section, and saves nothing', async () => {
    const title = uniqueTitle('Rest section bad');
    const base = await created(title);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ section: 9, latest: { id: base } }, /"section" is 9, but revision \d+ .* has no section 9/],
      [{ section: -1, latest: { id: base } }, /"section"/],
      [{ section: 1.5, latest: { id: base } }, /"section"/],
      [{ section: '2', latest: { id: base } }, /"section" must be a section number/],
      [{ section: 1 }, /"section" needs "latest"/],
      [{ section: 'new' }, /"sectiontitle" is required/],
    ];
    for (const [body, message] of cases) {
      const response = await put(title, { source: 'x', ...body });
      const error = await readJson<{ errorKey: string; messageTranslations: { en: string } }>(response);
      expect({ status: response.status, text: error.messageTranslations.en }, JSON.stringify(body)).toMatchObject({ status: 400, text: expect.stringMatching(message) });
    }
    expect(await latestText(title)).toBe(PAGE);
    expect(await latestId(title)).toBe(base);
  });

  it('appends a new section with section "new" and "sectiontitle", without a base revision', async () => {
    const title = uniqueTitle('Rest new section');
    await created(title);
    const response = await put(title, { source: 'A question. ~~~~', section: 'new', sectiontitle: 'Sources' });
    expect(response.status, await response.clone().text()).toBe(200);
    const text = await latestText(title);
    expect(text.startsWith(`${PAGE.trimEnd()}\n\n## Sources\n\nA question. [[User:`)).toBe(true);
  });
});
