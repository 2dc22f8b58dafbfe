/**
 * Speed of the wikitext converter on a typical 5 KB revision, parse alone and whole conversion
 * (`npx vitest bench --project unit --run tests/unit/wikitext-convert.bench.ts`). Not part of the
 * test run: the importer's budget (10,000 revisions a minute, docs/wikitext-import.md) is met by
 * running conversions in worker threads, not by a timing assertion.
 */
import { bench, describe } from 'vitest';
import Parser from 'wikiparser-node';
import { wikitextParserConfig } from '@/lib/domain/wikitext/parser-config';
import { wikitextToMarkdown } from '@/lib/domain/wikitext/convert';

const PARAGRAPH = [
  '== Early life ==',
  "The '''quick''' brown [[fox|foxes]] jumps over the ''lazy'' dog{{cite web|url=http://example.org|title=Example}} and [http://example.org an example].<ref>Some ref.</ref>",
  '* list item with a [[link]]',
  '*# nested item',
  '{| class="wikitable"',
  '! Year !! Title',
  '|-',
  "| 1999 || ''Something''",
  '|}',
  '',
].join('\n');
const REVISION = PARAGRAPH.repeat(Math.ceil(5000 / PARAGRAPH.length));

describe(`a ${REVISION.length}-character revision`, () => {
  bench('wikiparser-node parse only', () => {
    Parser.parse(REVISION, false, undefined, wikitextParserConfig());
  });
  bench('wikitextToMarkdown', () => {
    wikitextToMarkdown(REVISION, { title: 'Foo' });
  });
});
