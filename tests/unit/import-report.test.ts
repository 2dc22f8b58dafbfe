import { describe, expect, it } from 'vitest';
import { constructTotals, formatImportReport, ImportReportBuilder, type ImportReport } from '@/lib/domain/import-report';

const issue = (construct: string, line: number, detail = 'kept its text') => ({ construct, line, detail });

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    source: 'fandom.xml',
    siteName: 'Azzurro Wiki',
    dryRun: false,
    pages: 2,
    revisions: 5,
    wikitextRevisions: 5,
    pagesWithIssues: [],
    skipped: [],
    missingFiles: [],
    existing: [],
    ...overrides,
  };
}

describe('the import report', () => {
  it("sums a page's current revision per construct, with its first lines, and counts older revisions apart", () => {
    const builder = new ImportReportBuilder();
    builder.startPage('ECPAT');
    builder.addRevision([issue('html: <span>', 3)]);
    builder.addRevision([issue('html: <span>', 4), issue('gallery', 9, 'shown as thumbnails')]);
    builder.addRevision([issue('html: <span>', 4), issue('html: <span>', 4), issue('html: <span>', 8), issue('html: <span>', 12), issue('html: <span>', 20)]);
    builder.endPage();
    builder.startPage('Clean page');
    builder.addRevision([]);
    builder.endPage();

    expect(builder.pageReports()).toEqual([
      {
        title: 'ECPAT',
        constructs: [
          { construct: 'html: <span>', count: 5, lines: [4, 8, 12], detail: 'kept its text', olderRevisions: 2 },
          { construct: 'gallery', count: 0, lines: [], detail: 'only in older revisions', olderRevisions: 1 },
        ],
      },
    ]);
  });

  it('counts archived revisions as history, not as what readers see', () => {
    const builder = new ImportReportBuilder();
    builder.startPage('Deleted and recreated');
    builder.addRevision([issue('table: rowspan/colspan', 2)], false);
    builder.addRevision([]);
    builder.endPage();
    expect(builder.pageReports()[0]!.constructs).toEqual([{ construct: 'table: rowspan/colspan', count: 0, lines: [], detail: 'only in older revisions', olderRevisions: 1 }]);
  });

  it('remembers which pages use which files', () => {
    const builder = new ImportReportBuilder();
    builder.startPage('A');
    builder.addFileUses(['Logo.png', 'Map.svg']);
    builder.endPage();
    builder.startPage('B');
    builder.addFileUses(['Logo.png']);
    builder.endPage();
    expect([...builder.usedFiles()].map(([file, pages]) => [file, [...pages]])).toEqual([
      ['Logo.png', ['A', 'B']],
      ['Map.svg', ['A']],
    ]);
  });

  it('totals constructs over pages, most frequent first', () => {
    const pages = [
      { title: 'A', constructs: [{ construct: 'gallery', count: 1, lines: [1], detail: '', olderRevisions: 0 }] },
      {
        title: 'B',
        constructs: [
          { construct: 'html: <span>', count: 4, lines: [1], detail: '', olderRevisions: 0 },
          { construct: 'gallery', count: 2, lines: [1], detail: '', olderRevisions: 0 },
        ],
      },
    ];
    expect(constructTotals(pages)).toEqual([
      { construct: 'html: <span>', pages: 1, count: 4 },
      { construct: 'gallery', pages: 2, count: 3 },
    ]);
  });

  it('reads as a document: totals, pages not imported, missing files, then page by page', () => {
    const text = formatImportReport(
      report({
        pagesWithIssues: [
          { title: 'ECPAT', constructs: [{ construct: 'html: <span>', count: 5, lines: [4, 8, 12], detail: 'kept its text, dropped the style', olderRevisions: 2 }] },
        ],
        skipped: [{ title: 'MediaWiki:Common.css', revisions: 3, reason: 'its content model is "css" (code is not imported)' }],
        missingFiles: [{ file: 'Missing_map.png', usedOn: ['ECPAT', 'Talk:ECPAT'] }],
      }),
    );
    expect(text).toContain('# Import report: fandom.xml');
    expect(text).toContain('Dump of Azzurro Wiki: 2 page(s) and 5 revision(s) imported; 5 revision(s) in wikitext converted to markdown');
    expect(text).toContain('| html: <span> | 1 | 5 |');
    expect(text).toContain('- MediaWiki:Common.css (3 revision(s)): its content model is "css" (code is not imported).');
    expect(text).toContain('- File:Missing map.png, used on ECPAT, Talk:ECPAT');
    expect(text).toContain('### ECPAT\n\n- html: <span>: 5× (lines 4, 8, 12, …): kept its text, dropped the style. Also in 2 older revision(s).');
  });

  it('says so when everything was converted exactly, and when nothing was written', () => {
    const text = formatImportReport(report({ dryRun: true, existing: ['ECPAT'] }));
    expect(text).toContain('Dry run: nothing was written.');
    expect(text).toContain('would be imported');
    expect(text).toContain('Everything was converted exactly.');
    expect(text).toContain('1 page(s), refused unless --overwrite replaces them: ECPAT');
  });
});
