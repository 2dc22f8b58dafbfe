import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorForLine, lineAt, previewScrollTop, sectionHeadingLines, splitLines } from '@/lib/domain/preview-sync';
import { parseSectionHeadings } from '@/lib/domain/markdown';
import { convertFandomExport, decodeSeedFile } from '@/lib/domain/fandom-import';
import { parseManifest } from '@/lib/domain/seed-manifest';

/** The renderer's own top-level headings (what data-section numbers), by source line. */
const rendererLines = (text: string) => parseSectionHeadings(text).map((heading) => heading.line);

const CASES: Record<string, string> = {
  atx: '# One\n\ntext\n\n## Two\n### Three\ntext\n####### not a heading\n#also not',
  setext: 'Lead\n\nTitle that\nruns on\n=====\n\nSub\n---\n\n---\n\ntext',
  fences: '# A\n```\n# in code\n```\n~~~~\n# still code\n~~~\n# still code\n~~~~\n# B',
  indentedCode: 'para\n\n    # code\n\n# Real\nline\n    # lazy continuation',
  quotes: '> # quoted\n> text\n\n# After quote',
  lists: '- item\n  # in the item\n\n  continued\n# Interrupts\n\n1. one\n2. two\n   ## in two\n\nnot in list\n===',
  lazyList: '- item\nlazy line\n---\n\n# Top',
  comments: '<!--\n# hidden\n-->\n# Shown\n<!-- one line --> \n## Also shown',
  paragraphThenItem: 'Para\n2. not a list\n===\n\n# H',
  crlf: 'Lead\r\n\r\n# One\r\ntext\r\nTwo\r\n---\r\n',
};

describe('sectionHeadingLines', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`finds the renderer's top-level headings (${name})`, () => {
      expect(sectionHeadingLines(text)).toEqual(rendererLines(text));
    });
  }

  it('finds those of every seed article', () => {
    const contentDir = path.join(import.meta.dirname, '../../content');
    const manifest = parseManifest(JSON.parse(readFileSync(path.join(contentDir, 'manifest.json'), 'utf8')), 'content/manifest.json');
    expect(manifest.documents.length).toBeGreaterThan(0);
    for (const entry of manifest.documents) {
      const fileName = `content/${entry.file}`;
      const markdown = convertFandomExport(decodeSeedFile(readFileSync(path.join(contentDir, entry.file)), fileName), { fileName, captions: entry.captions }).markdown;
      expect(sectionHeadingLines(markdown), entry.title).toEqual(rendererLines(markdown));
    }
  });
});

describe('lineAt', () => {
  it('counts LF, CRLF and CR line ends as the renderer does', () => {
    expect(lineAt('a\nb\r\nc\rd', 0)).toBe(1);
    expect(lineAt('a\nb\r\nc\rd', 2)).toBe(2);
    expect(lineAt('a\nb\r\nc\rd', 5)).toBe(3);
    expect(lineAt('a\nb\r\nc\rd', 7)).toBe(4);
    expect(lineAt('a\nb', 99)).toBe(2);
    expect(splitLines('a\nb\r\nc\rd')).toHaveLength(4);
  });
});

describe('anchorForLine', () => {
  // Lines 1–4 are the lead, the headings are on lines 5 and 9, the text has 12 lines.
  const headings = [5, 9];
  it('puts lines before the first heading in section 0', () => {
    expect(anchorForLine(headings, 12, 1)).toEqual({ section: 0, fraction: 0 });
    expect(anchorForLine(headings, 12, 3)).toEqual({ section: 0, fraction: 0.5 });
  });
  it('puts a heading line at the start of its section and later lines part of the way through', () => {
    expect(anchorForLine(headings, 12, 5)).toEqual({ section: 1, fraction: 0 });
    expect(anchorForLine(headings, 12, 7)).toEqual({ section: 1, fraction: 0.5 });
    expect(anchorForLine(headings, 12, 12)).toEqual({ section: 2, fraction: 0.75 });
  });
  it('handles a text without headings', () => {
    expect(anchorForLine([], 4, 3)).toEqual({ section: 0, fraction: 0.5 });
  });
});

describe('previewScrollTop', () => {
  const tops = [0, 100, 300];
  it('scrolls to the section heading and part of the way to the next', () => {
    expect(previewScrollTop({ section: 1, fraction: 0 }, tops, 600)).toBe(100);
    expect(previewScrollTop({ section: 1, fraction: 0.5 }, tops, 600)).toBe(200);
    expect(previewScrollTop({ section: 2, fraction: 0.5 }, tops, 600)).toBe(450);
    expect(previewScrollTop({ section: 0, fraction: 0.5 }, tops, 600)).toBe(50);
  });
  it('falls back to the last heading the preview has when it lags behind the text', () => {
    expect(previewScrollTop({ section: 4, fraction: 0.5 }, tops, 600)).toBe(300);
    expect(previewScrollTop({ section: 2, fraction: 0.5 }, [0, 100, undefined], 600)).toBe(100);
  });
});
