import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dumpFooter, dumpHeader, pageClosing, pageOpening, revisionXml, sha1Base36, sha1Hex, type DumpPage, type DumpRevision } from '@/lib/domain/mediawiki-xml';
import { archiveNameFor, Base64Sink, uploadXml, type DumpUpload } from '@/lib/domain/mediawiki-xml-uploads';
import { MediaWikiXmlReader, type DumpEvent } from '@/lib/domain/mediawiki-xml-reader';
import { HIDDEN_BITS } from '@/lib/domain/visibility';

const site = { siteName: 'Files', dbName: 'wiki', base: null, generator: 'test', namespaces: [{ key: 6, name: 'File' }] };
const page: DumpPage = { title: 'File:Logo 2.png', namespace: 6, id: 9, redirectTarget: null, deletedAt: null };
const description: DumpRevision = {
  id: 1,
  parentId: null,
  timestamp: new Date('2026-12-05T08:00:00Z'),
  author: { id: 2, name: 'Describer' },
  minor: false,
  summary: '',
  text: 'The logo.',
  sha1: sha1Hex('The logo.'),
  hidden: 0,
  archived: false,
  model: 'markdown',
  source: null,
};

/** Bytes that are not text: every byte value, then a pseudo-random tail of `length` bytes. */
function bytesOf(length: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(256 + length);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  let x = seed;
  for (let i = 256; i < bytes.length; i++) bytes[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return bytes;
}

function version(bytes: Buffer, overrides: Partial<DumpUpload> = {}): DumpUpload {
  return {
    id: 4,
    timestamp: new Date('2026-12-05T08:00:01.250Z'),
    uploader: { id: 3, name: 'Alice & <Bob>' },
    comment: 'first version',
    filename: 'Logo_2.png',
    archiveName: null,
    src: '/images/x/Logo_2.png',
    size: bytes.length,
    sha1: createHash('sha1').update(bytes).digest('hex'),
    hidden: 0,
    archived: false,
    ...overrides,
  };
}

function dump(uploads: Array<[DumpUpload, Buffer]>, full = true, onPage: DumpPage = page): string {
  const parts = uploads.flatMap(([upload, bytes]) => [...uploadXml(upload, bytes, full)]);
  return dumpHeader(site) + pageOpening(onPage) + revisionXml(description, full) + parts.join('') + pageClosing() + dumpFooter();
}

function read(xml: string, size = 4096, maxUploadBytes?: number): DumpEvent[] {
  const reader = new MediaWikiXmlReader({ maxUploadBytes });
  const events: DumpEvent[] = [];
  for (let i = 0; i < xml.length; i += size) events.push(...reader.write(xml.slice(i, i + size)));
  events.push(...reader.end());
  return events;
}

const uploadsOf = (events: DumpEvent[]) => events.flatMap((event) => (event.type === 'upload' ? [{ upload: event.upload, bytes: event.bytes }] : []));

function readError(xml: string, maxUploadBytes?: number): string {
  try {
    read(xml, 4096, maxUploadBytes);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the reader to refuse the document');
}

describe('<upload> in the export', () => {
  it("writes MediaWiki's elements in its order, the SHA-1 in base 36 and the bytes in 76-character base64 lines", () => {
    const bytes = bytesOf(300);
    const old = version(bytes, { archiveName: archiveNameFor('Logo_2.png', new Date('2026-12-05T09:10:11.500Z')) });
    const xml = dump([[old, bytes]]);
    const order = [
      '<upload fw:id="4">',
      '<timestamp>2026-12-05T08:00:01.250Z</timestamp>',
      '<contributor>',
      '<username>Alice &amp; &lt;Bob&gt;</username>',
      '<comment>first version</comment>',
      '<filename>Logo_2.png</filename>',
      '<archivename>20261205091011!Logo_2.png</archivename>',
      '<src>/images/x/Logo_2.png</src>',
      `<size>${bytes.length}</size>`,
      `<sha1base36>${sha1Base36(old.sha1)}</sha1base36>`,
      '<contents encoding="base64">',
      '</contents>',
      '</upload>',
    ];
    const after = xml.indexOf('</revision>');
    const positions = order.map((tag) => xml.indexOf(tag, after));
    expect(positions.every((p) => p > after)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const base64 = xml
      .slice(xml.indexOf('<contents encoding="base64">') + 28, xml.indexOf('</contents>'))
      .trim()
      .split('\n');
    expect(base64.slice(0, -1).every((line) => line.length === 76)).toBe(true);
    expect(Buffer.from(base64.join(''), 'base64').equals(bytes)).toBe(true);
  });

  it('reads every version back byte for byte, whatever the chunk boundaries', () => {
    const first = bytesOf(200_000, 7);
    const second = bytesOf(1, 8);
    const uploads: Array<[DumpUpload, Buffer]> = [
      [version(first, { archiveName: archiveNameFor('Logo_2.png', new Date('2026-12-05T09:00:00Z')) }), first],
      [version(second, { id: 5, comment: 'bell \u0007 in a comment', hidden: HIDDEN_BITS.summary | HIDDEN_BITS.author }), second],
    ];
    const xml = dump(uploads);
    for (const size of [65_536, 4096, 3]) {
      const read_ = uploadsOf(read(xml, size));
      expect(read_.map((u) => u.upload)).toEqual(uploads.map(([u]) => u));
      expect(read_.map((u) => u.bytes.equals(uploads[read_.indexOf(u)]![1]))).toEqual([true, true]);
    }
  });

  it('keeps a hidden or archived file in a full backup, and leaves it out of a public export', () => {
    const bytes = bytesOf(50);
    const hidden = version(bytes, { hidden: HIDDEN_BITS.text, archived: true });
    const full = uploadsOf(read(dump([[hidden, bytes]], true, { ...page, deletedAt: new Date('2026-12-05T10:00:00Z') })));
    expect(full[0]!.upload).toEqual(hidden);
    expect(full[0]!.bytes.equals(bytes)).toBe(true);

    const publicXml = dump([[version(bytes, { hidden: HIDDEN_BITS.text }), bytes]], false);
    expect(publicXml).toContain('<contents deleted="deleted" />');
    expect(publicXml).not.toContain(bytes.toString('base64').slice(0, 40));
    expect(readError(publicXml)).toMatch(
      /Page "File:Logo 2.png", file version 4 of 2026-12-05T08:00:01.250Z: the file is hidden and its bytes are not in the file \(a public export\)/,
    );
    const noUploader = dump([[version(bytes, { hidden: HIDDEN_BITS.author }), bytes]], false);
    expect(noUploader).not.toContain('Alice');
    expect(readError(noUploader)).toMatch(/file version 4 of .*: the uploader is hidden/);
  });

  it("reads MediaWiki's own dumps: no fw: attributes, CRLF line breaks (chunk_split), whole seconds", () => {
    const bytes = bytesOf(120);
    const base64 = bytes
      .toString('base64')
      .match(/.{1,76}/g)!
      .map((line) => `${line}\r\n`)
      .join('');
    const upload = [
      '    <upload>',
      '      <timestamp>2026-12-05T08:00:00Z</timestamp>',
      '      <contributor>\n        <username>Mallory</username>\n        <id>12</id>\n      </contributor>',
      '      <comment deleted="deleted" />',
      '      <filename>Logo_2.png</filename>',
      '      <src>https://example.org/images/a/ab/Logo_2.png</src>',
      `      <size>${bytes.length}</size>`,
      `      <sha1base36>${sha1Base36(createHash('sha1').update(bytes).digest('hex'))}</sha1base36>`,
      '      <rel>a/ab/Logo_2.png</rel>',
      `      <contents encoding="base64">${base64}      </contents>`,
      '    </upload>\n',
    ].join('\n');
    const xml = dumpHeader(site) + pageOpening(page) + revisionXml(description, true) + upload + pageClosing() + dumpFooter();
    const [read_] = uploadsOf(read(xml));
    expect(read_!.bytes.equals(bytes)).toBe(true);
    expect(read_!.upload).toMatchObject({ id: null, uploader: { id: 12, name: 'Mallory' }, comment: '', hidden: HIDDEN_BITS.summary, archiveName: null });
  });
});

describe('refusing damaged or hostile uploads', () => {
  const bytes = bytesOf(1000, 3);
  const good = dump([[version(bytes), bytes]]);
  const contents = good.slice(good.indexOf('<contents encoding="base64">') + 29, good.indexOf('</contents>')).trimEnd();

  it('names the file and version whose contents do not match its SHA-1 or size', () => {
    const flipped = contents.replace(/^(.{10})(.)/, (_, head: string, c: string) => head + (c === 'A' ? 'B' : 'A'));
    expect(readError(good.replace(contents, flipped))).toMatch(
      /Page "File:Logo 2.png", file version 4 of 2026-12-05T08:00:01.250Z: the SHA-1 does not match the contents.*damaged/,
    );
    expect(readError(good.replace(`<size>${bytes.length}</size>`, `<size>${bytes.length + 3}</size>`))).toMatch(
      /file version 4 .*<size> says 1259 bytes, <contents> holds 1256/,
    );
    expect(readError(good.replace(/<sha1base36>.*<\/sha1base36>/, '<sha1base36>nope!</sha1base36>'))).toMatch(/is not a SHA-1 in base 36/);
  });

  it('stops reading contents longer than the declared size or the limit, and refuses what is not base64', () => {
    expect(readError(good.replace(`<size>${bytes.length}</size>`, '<size>10</size>'))).toMatch(/file version 4 .*holds more than the 10 bytes/);
    expect(readError(good, 500)).toMatch(/file version 4 .*: the file has 1256 bytes, more than the 500 bytes an upload may have here/);
    expect(readError(good.replace(`<size>${bytes.length}</size>`, ''), 500)).toMatch(/holds more than the 500 bytes/);
    expect(readError(good.replace(contents, `${contents.slice(0, 20)}*${contents.slice(21)}`))).toMatch(/<contents> is not base64/);
    expect(readError(good.replace(contents, `${contents.slice(0, -3)}\n`))).toMatch(/not base64 \(it ends in the middle of a group/);
    expect(readError(good.replace('<contents encoding="base64">', '<contents encoding="uuencode">'))).toMatch(/encoding="uuencode"> is not supported/);
    expect(readError(good.replace(/<contents encoding="base64">[^<]*<\/contents>/, ''))).toMatch(/has no <contents>, only a link to the file/);
  });

  it('names missing required fields', () => {
    expect(readError(good.replace(/<timestamp>2026-12-05T08:00:01.250Z<\/timestamp>/, ''))).toMatch(/file version 4 of \(no timestamp\): <timestamp> "" is not a UTC time/);
    expect(readError(good.replace('<filename>Logo_2.png</filename>', ''))).toMatch(/file version 4 .*has no <filename>/);
    expect(readError(good.replace(/<username>Alice[^<]*<\/username>/, ''))).toMatch(/file version 4 .*<contributor> has no <username>/);
    expect(readError(good.replace('fw:id="4"', 'fw:id="four"'))).toMatch(/fw:id="four" is not a version id/);
  });
});

describe('Base64Sink', () => {
  it('decodes padding split across pieces and refuses data after it', () => {
    const sink = new Base64Sink('here', 10);
    for (const piece of ['QU', 'I=', '=']) sink.write(piece);
    expect(() => sink.end()).toThrow(/middle of a group/);
    const split = new Base64Sink('here', 10);
    for (const piece of ['QQ', '=', '=']) split.write(piece);
    expect(split.end().bytes.toString()).toBe('A');
    const after = new Base64Sink('here', 10);
    after.write('QQ==');
    expect(() => after.write('QQ==')).toThrow(/here: <contents> is not base64/);
  });
});
