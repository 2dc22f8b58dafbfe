import { describe, expect, it } from 'vitest';
import {
  dumpFooter,
  dumpHeader,
  escapeXmlAttribute,
  escapeXmlText,
  formatDumpTimestamp,
  isXmlSafe,
  pageClosing,
  pageOpening,
  parseDumpTimestamp,
  revisionXml,
  sha1Base36,
  sha1Hex,
  sha1HexFromBase36,
  type DumpPage,
  type DumpRevision,
} from '@/lib/domain/mediawiki-xml';
import { mainPageOf, MediaWikiXmlReader, type DumpEvent } from '@/lib/domain/mediawiki-xml-reader';
import { HIDDEN_BITS } from '@/lib/domain/visibility';

const site = {
  siteName: 'Fans & <Friends>',
  dbName: 'wiki',
  base: null,
  generator: 'Telefono Azzurro Fans Wiki test',
  namespaces: [
    { key: 0, name: '' },
    { key: 1, name: 'Talk' },
  ],
};

function revision(overrides: Partial<DumpRevision> = {}): DumpRevision {
  const text = overrides.text ?? 'Hello **world**';
  return {
    id: 7,
    parentId: 6,
    timestamp: new Date('2026-11-28T12:00:00.123Z'),
    author: { id: 3, name: 'Alice' },
    minor: false,
    summary: 'fix typo',
    text,
    sha1: sha1Hex(text),
    hidden: 0,
    archived: false,
    model: 'markdown',
    source: null,
    ...overrides,
  };
}

const page: DumpPage = { title: 'Talk:Foo bar', namespace: 1, id: 42, redirectTarget: null, deletedAt: null };

function dump(revisions: DumpRevision[], options: { full?: boolean; page?: DumpPage } = {}): string {
  return dumpHeader(site) + pageOpening(options.page ?? page) + revisions.map((r) => revisionXml(r, options.full ?? true)).join('') + pageClosing() + dumpFooter();
}

/** Reads a document in chunks of `size` characters (1: every character boundary is a chunk boundary). */
function read(xml: string, size = 4096): DumpEvent[] {
  const reader = new MediaWikiXmlReader();
  const events: DumpEvent[] = [];
  for (let i = 0; i < xml.length; i += size) events.push(...reader.write(xml.slice(i, i + size)));
  events.push(...reader.end());
  return events;
}

function revisionsOf(events: DumpEvent[]): DumpRevision[] {
  return events.flatMap((event) => (event.type === 'revision' ? [event.revision] : []));
}

function readError(xml: string): string {
  try {
    read(xml);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the reader to refuse the document');
}

describe('SHA-1 in MediaWiki dumps', () => {
  it('is written in base 36, padded to 31 digits, as MediaWiki writes it', () => {
    // MediaWiki's well-known SHA-1 of the empty text.
    expect(sha1Base36(sha1Hex(''))).toBe('phoiac9h4m842xq45sp7s6u21eteeq1');
    expect(sha1Base36('0000000000000000000000000000000000000001')).toBe('0000000000000000000000000000001');
  });

  it('converts back to the hex form the database stores', () => {
    for (const text of ['', 'a', 'Ciao 👋 עולם', 'x'.repeat(10_000)]) {
      expect(sha1HexFromBase36(sha1Base36(sha1Hex(text)))).toBe(sha1Hex(text));
    }
    expect(sha1HexFromBase36('not base36!')).toBeNull();
    expect(sha1HexFromBase36('zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz')).toBeNull();
  });
});

describe('escaping', () => {
  it('escapes markup and keeps carriage returns, which XML parsers would turn into line feeds', () => {
    expect(escapeXmlText('a < b && c > d ]]> \r\n')).toBe('a &lt; b &amp;&amp; c &gt; d ]]&gt; &#13;\n');
    expect(escapeXmlAttribute('say "hi"\tnow\n')).toBe('say &quot;hi&quot;&#9;now&#10;');
  });

  it('knows which characters XML 1.0 cannot carry', () => {
    expect(isXmlSafe('tab\t, newline\n, emoji 😀, RTL שלום')).toBe(true);
    for (const bad of ['\u0000', '\u0001', '\u000B', '\u001F', '\uFFFE', '\uFFFF', '\uD800', 'x\uDC00']) expect(isXmlSafe(bad)).toBe(false);
  });

  it("keeps milliseconds in timestamps and reads MediaWiki's whole seconds", () => {
    expect(formatDumpTimestamp(new Date('2026-11-28T12:00:00.123Z'))).toBe('2026-11-28T12:00:00.123Z');
    expect(formatDumpTimestamp(new Date('2026-11-28T12:00:00.000Z'))).toBe('2026-11-28T12:00:00Z');
    expect(parseDumpTimestamp('2026-11-28T12:00:00Z')?.getTime()).toBe(Date.UTC(2026, 10, 28, 12));
    expect(parseDumpTimestamp('2026-11-28 12:00:00')).toBeNull();
    expect(parseDumpTimestamp('2026-13-45T99:00:00Z')).toBeNull();
  });
});

describe('writing and reading back', () => {
  it("writes MediaWiki's elements in its order, with the markdown content model", () => {
    const xml = dump([revision({ minor: true })]);
    expect(xml).toMatch(/^<mediawiki xmlns="http:\/\/www\.mediawiki\.org\/xml\/export-0\.11\/" [^>]*version="0\.11" xml:lang="en">/);
    expect(xml).toContain('<sitename>Fans &amp; &lt;Friends&gt;</sitename>');
    const order = [
      '<id>7</id>',
      '<parentid>6</parentid>',
      '<timestamp>',
      '<contributor>',
      '<minor />',
      '<comment>',
      '<model>markdown</model>',
      '<format>text/markdown</format>',
      '<text bytes="15" sha1=',
      '<sha1>',
    ];
    const positions = order.map((tag) => xml.indexOf(tag));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('round-trips any text exactly, whatever the chunk boundaries', () => {
    const texts = [
      'emoji 👩‍👩‍👧 and RTL مرحبا שלום, combining é, CJK 漢字',
      '<script>alert("x")</script> & ]]> <![CDATA[ not cdata ]]>',
      'windows\r\nline\rendings\n\ttabs',
      'controls \u0001\u0007\u001B and \uFFFF, \uFFFE', // XML cannot carry these: base64
      '',
      '   leading and trailing spaces   ',
    ];
    const revisions = texts.map((text, i) => revision({ id: i + 1, parentId: i === 0 ? null : i, text, summary: i === 3 ? 'bell \u0007 in summary' : `summary ${i}` }));
    const xml = dump(revisions);
    expect(isXmlSafe(xml)).toBe(true);
    expect(xml).toContain('fw:encoding="base64"');
    for (const size of [4096, 7, 1]) expect(revisionsOf(read(xml, size))).toEqual(revisions);
  });

  it('keeps hidden parts, archived revisions and deletion in a full backup', () => {
    const deletedPage = { ...page, deletedAt: new Date('2026-11-29T08:30:00.5Z') };
    const hidden = revision({ hidden: HIDDEN_BITS.text | HIDDEN_BITS.summary | HIDDEN_BITS.author, archived: true });
    const xml = dump([hidden], { page: deletedPage });
    expect(xml).toContain('<contributor deleted="deleted">');
    const events = read(xml);
    expect(events.find((e) => e.type === 'page')).toMatchObject({ page: { deletedAt: deletedPage.deletedAt } });
    expect(revisionsOf(events)).toEqual([hidden]);
  });

  it('leaves hidden parts out of a public export, and refuses to import what is missing', () => {
    const xml = dump([revision({ hidden: HIDDEN_BITS.text })], { full: false });
    expect(xml).not.toContain('Hello **world**');
    expect(xml).toContain('deleted="deleted"');
    expect(readError(xml)).toMatch(/Page "Talk:Foo bar", revision 7: the text is hidden and not in the file/);
    const noAuthor = dump([revision({ hidden: HIDDEN_BITS.author })], { full: false });
    expect(noAuthor).not.toContain('Alice');
    expect(readError(noAuthor)).toMatch(/revision 7: the author is hidden/);
    const noSummary = revisionsOf(read(dump([revision({ hidden: HIDDEN_BITS.summary })], { full: false })));
    expect(noSummary[0]).toMatchObject({ summary: '', hidden: HIDDEN_BITS.summary });
  });

  it('never writes text that is not Unicode', () => {
    expect(() => revisionXml(revision({ text: 'broken \uD800 surrogate', sha1: sha1Hex('x') }), true)).toThrow(/unpaired surrogate/);
  });
});

describe('refusing bad files', () => {
  const good = dump([revision()]);

  it('names what is wrong: not XML, wrong root, cut short', () => {
    expect(readError('this is not xml')).toMatch(/not well-formed XML|not a MediaWiki XML export/);
    expect(readError('<html><body/></html>')).toMatch(/not a MediaWiki XML export: the root element is <html>/);
    expect(readError('')).toMatch(/empty/);
    expect(readError(good.slice(0, good.length - 40))).toMatch(/cut short|not well-formed/);
    expect(readError(good.replace('<sitename>', '<sitename>&undefinedentity;'))).toMatch(/not well-formed XML \(line \d+\)/);
  });

  it('names the page and revision whose text does not match its SHA-1 or size', () => {
    expect(readError(good.replace('Hello **world**', 'Hello **World**'))).toMatch(/Page "Talk:Foo bar", revision 7: the SHA-1 does not match the text/);
    expect(readError(good.replace('bytes="15"', 'bytes="16"'))).toMatch(/revision 7: <text bytes="16"> does not match/);
  });

  it('names missing required fields and content models it cannot read', () => {
    expect(readError(good.replace(/<timestamp>.*<\/timestamp>/, ''))).toMatch(/revision 7: <timestamp> "" is not a UTC time/);
    expect(readError(good.replace(/<username>.*<\/username>/, ''))).toMatch(/revision 7: the <contributor> has no <username>/);
    expect(readError(good.replace('<title>Talk:Foo bar</title>', ''))).toMatch(/A page has no <title>/);
    expect(readError(good.replace('<model>markdown</model>', '<model>klingon</model>'))).toMatch(
      /Page "Talk:Foo bar", revision 7: the content model is "klingon", which this wiki cannot read\. It imports "markdown" and MediaWiki's "wikitext"/,
    );
  });

  it("reads MediaWiki's wikitext and code models, leaving what to do with them to the import", () => {
    const read = (xml: string) => new MediaWikiXmlReader().write(xml).find((event) => event.type === 'revision');
    expect(read(good.replace('<model>markdown</model>', '<model>wikitext</model>'))).toMatchObject({ revision: { model: 'wikitext', text: 'Hello **world**' } });
    expect(read(good.replace('<model>markdown</model>', '<model>css</model>'))).toMatchObject({ revision: { model: 'css' } });
    expect(read(good.replace('<model>markdown</model>', ''))).toMatchObject({ revision: { model: 'markdown' } });
  });

  it('reads the original of an imported revision from <fw:source> and writes it in full backups only', () => {
    const source = { model: 'wikitext', text: "'''Hello''' [[world]]" };
    const xml = revisionXml(revision({ source }), true);
    expect(xml).toContain(`<fw:source model="wikitext" xml:space="preserve">'''Hello''' [[world]]</fw:source>`);
    expect(revisionXml(revision({ source }), false)).not.toContain('fw:source');
    const events = new MediaWikiXmlReader().write(`${dumpHeader(site)}${pageOpening(page)}${xml}${pageClosing()}${dumpFooter()}`);
    expect(events.find((event) => event.type === 'revision')).toMatchObject({ revision: { source } });
  });
});

describe("a dump's main page, from its <base>", () => {
  it('reads the title from the address, as MediaWiki and Fandom write it', () => {
    expect(mainPageOf('https://skyreach.fandom.com/wiki/Skyreach_Wiki')).toBe('Skyreach Wiki');
    expect(mainPageOf('https://constructs.example.org/index.php/Main_Page')).toBe('Main Page');
    expect(mainPageOf('https://x.example.org/w/index.php?title=Pagina_principale')).toBe('Pagina principale');
    expect(mainPageOf('https://it.example.org/wiki/Caf%C3%A9')).toBe('Café');
    expect(mainPageOf('not an address')).toBeNull();
    expect(mainPageOf('https://x.example.org/')).toBeNull();
  });
});
