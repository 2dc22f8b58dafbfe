/**
 * Every revision of the generated MediaWiki dumps (tests/fixtures/mediawiki/) converted: the
 * rendered markdown shows the words MediaWiki shows, in the same order, except around the
 * constructs the conversion reports (those revisions are compared only up to their first issue's
 * consequences: words of reported constructs may be missing or extra).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sax from 'sax';
import { describe, expect, it } from 'vitest';
import { wikitextPlainText, wikitextToMarkdown } from '@/lib/domain/wikitext/convert';
import { renderedPlainText, sameWordsInOrder, words } from '../support/plain-words';

interface Revision {
  title: string;
  id: string;
  model: string;
  text: string;
}

/** `<title>`, `<id>`, `<model>` and `<text>` of each revision, by a small sax loop. */
function revisions(file: string): Revision[] {
  const parser = sax.parser(true, {});
  const found: Revision[] = [];
  const path: string[] = [];
  let title = '';
  let current: Revision | null = null;
  parser.onopentag = (tag) => {
    path.push(tag.name);
    if (tag.name === 'page') title = '';
    if (tag.name === 'revision') current = { title, id: '', model: 'wikitext', text: '' };
  };
  parser.onclosetag = (name) => {
    path.pop();
    if (name === 'revision' && current !== null) {
      found.push(current);
      current = null;
    }
  };
  parser.ontext = (text) => {
    const tag = path[path.length - 1];
    const parent = path[path.length - 2];
    if (tag === 'title' && parent === 'page') title += text;
    if (current === null) return;
    if (tag === 'text') current.text += text;
    if (tag === 'id' && parent === 'revision') current.id += text;
    if (tag === 'model') current.model = text;
  };
  parser.oncdata = parser.ontext;
  parser.write(readFileSync(file, 'utf8')).close();
  for (const revision of found) revision.title = revision.title.trim();
  return found;
}

const FIXTURES = path.join(import.meta.dirname, '../fixtures/mediawiki');
/** Words the renderer adds: the footnotes heading and numbers. */
const RENDERER_WORDS = ['References', ...Array.from({ length: 50 }, (_, i) => String(i + 1))];

describe.each(['constructs.xml', 'fandom-style.xml'])('%s', (file) => {
  // Template pages are shown through the template expander, which this comparison does not run.
  const all = revisions(path.join(FIXTURES, file)).filter((revision) => revision.model === 'wikitext' && !revision.title.startsWith('Template:'));

  it('has revisions', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it.each(all.map((revision) => [`${revision.title} (${revision.id})`, revision] as const))('%s', (_name, revision) => {
    const { markdown, issues } = wikitextToMarkdown(revision.text, { title: revision.title });
    const rendered = renderedPlainText(markdown);
    const expected = wikitextPlainText(revision.text);
    const allowed = issues.length === 0 ? RENDERER_WORDS : [...RENDERER_WORDS, ...reportedWords(revision.text, issues)];
    expect(sameWordsInOrder(expected, rendered, allowed), markdown).toBeNull();
  });
});

/** The words on the lines the issues point at: what the report tells the reader to check. */
function reportedWords(text: string, issues: readonly { line: number }[]): string[] {
  const lines = text.split('\n');
  return issues.flatMap((issue) => words(lines[issue.line - 1] ?? ''));
}
