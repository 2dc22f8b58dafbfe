// The write actions' own parameters as MediaWiki reads them: section, comments, and action=protect's
// protections and expiries mapped onto this wiki's levels; and action=parse's sections.
import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/domain/action-api/errors';
import { apiSections, externalLinks } from '@/lib/domain/action-api/parse-output';
import { apiComment, apiLevelName, requestedProtections, sectionParam } from '@/lib/domain/action-api/write-params';

const NOW = new Date('2026-12-07T00:00:00Z');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ApiError ? error.code : 'not an ApiError';
  }
  return undefined;
}

describe('section and comments', () => {
  it('reads section numbers and "new", refusing anything else with invalidsection', () => {
    expect(sectionParam(undefined)).toBeNull();
    expect(sectionParam('0')).toBe(0);
    expect(sectionParam('12')).toBe(12);
    expect(sectionParam('new')).toBe('new');
    expect(codeOf(() => sectionParam('T-1'))).toBe('invalidsection');
    expect(codeOf(() => sectionParam('two'))).toBe('invalidsection');
  });

  it('keeps a comment to one line of 500 characters, as MediaWiki stores it', () => {
    expect(apiComment(' two\nlines ')).toBe('two lines');
    expect([...apiComment('é'.repeat(600))]).toHaveLength(500);
    expect(apiComment(undefined)).toBe('');
  });
});

describe('protections', () => {
  const pageActions = ['edit', 'move'] as const;

  it("maps MediaWiki's levels and unprotects what is not listed", () => {
    const { restrictions, order } = requestedProtections(['edit=sysop'], [], pageActions, NOW);
    expect(order).toEqual(['edit']);
    expect(restrictions.edit).toEqual({ level: 'admin', expiresAt: null });
    expect(restrictions.move).toEqual({ level: 'none', expiresAt: null });
    expect(apiLevelName('admin')).toBe('sysop');
    expect(apiLevelName('none')).toBe('');
  });

  it('takes one expiry for all, or one each: relative, ISO and MediaWiki timestamps', () => {
    const one = requestedProtections(['edit=autoconfirmed', 'move=sysop'], ['1 week'], pageActions, NOW);
    expect(one.restrictions.edit?.expiresAt?.toISOString()).toBe('2026-12-14T00:00:00.000Z');
    expect(one.restrictions.move?.expiresAt?.toISOString()).toBe('2026-12-14T00:00:00.000Z');
    const each = requestedProtections(['edit=sysop', 'move=sysop'], ['infinite', '20270101000000'], pageActions, NOW);
    expect(each.restrictions.edit?.expiresAt).toBeNull();
    expect(each.restrictions.move?.expiresAt?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it("refuses with MediaWiki's codes", () => {
    expect(codeOf(() => requestedProtections(['upload=sysop'], [], pageActions, NOW))).toBe('protect-invalidaction');
    expect(codeOf(() => requestedProtections(['edit'], [], pageActions, NOW))).toBe('protect-invalidaction');
    expect(codeOf(() => requestedProtections(['edit=god'], [], pageActions, NOW))).toBe('protect-invalidlevel');
    expect(codeOf(() => requestedProtections(['edit=sysop', 'move=sysop'], ['1 day', '1 week', '1 month'], pageActions, NOW))).toBe('toofewexpiries');
    expect(codeOf(() => requestedProtections(['edit=sysop'], ['20000101000000'], pageActions, NOW))).toBe('pastexpiry');
    expect(codeOf(() => requestedProtections(['edit=sysop'], ['whenever'], pageActions, NOW))).toBe('invalidexpiry');
  });
});

describe("action=parse's pieces", () => {
  it('numbers sections by nesting and keeps the edit index and byte offset', () => {
    const source = 'Intro é\n\n## A\n\n### B\n\n## C\n';
    const html = '<p>Intro é</p><h2 id="a" data-section="1">A</h2><h3 id="b" data-section="2">B</h3><h2 id="c" data-section="3">C</h2>';
    const headings = [
      { line: 3, depth: 2, title: 'A' },
      { line: 5, depth: 3, title: 'B' },
      { line: 7, depth: 2, title: 'C' },
    ];
    const sections = apiSections(html, source, headings, 'Page');
    expect(sections.map((section) => [section.number, section.index, section.toclevel, section.anchor, section.byteoffset])).toEqual([
      ['1', '1', 1, 'a', 10],
      ['1.1', '2', 2, 'b', 16],
      ['2', '3', 1, 'c', 23],
    ]);
  });

  it('lists external links once each', () => {
    const html = '<a href="https://a.example/x?y=1&amp;z=2">a</a><a href="/wiki/Local">b</a><a href="https://a.example/x?y=1&amp;z=2">c</a>';
    expect(externalLinks(html)).toEqual(['https://a.example/x?y=1&z=2']);
  });
});
