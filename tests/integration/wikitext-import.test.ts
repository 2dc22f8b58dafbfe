import '../support/database';
import { describe, expect, it } from 'vitest';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Writable } from 'node:stream';
import { importWiki, type DumpSource } from '@/lib/server/backup/import';
import { MediaWikiXmlReader } from '@/lib/domain/mediawiki-xml-reader';
import { sha1Base36, sha1Hex, type DumpPage, type DumpRevision } from '@/lib/domain/mediawiki-xml';
import type { PrismaClient } from '@/lib/db/client';
import { isAppError } from '@/lib/domain/errors';
import { useRestoreTarget } from '../support/second-database';
import { runImport } from '../../scripts/lib/import-command';

/**
 * Dumps written by a real MediaWiki 1.39 (tests/fixtures/mediawiki/, made by
 * scripts/fixtures/make-mediawiki-dumps.sh) imported into an empty database: history kept to the
 * id, author and second, every revision converted with its wikitext kept, what was not converted
 * exactly reported, code and foreign namespaces listed instead of imported, damaged dumps refused
 * with nothing written.
 */
const FIXTURES = path.join(import.meta.dirname, '../fixtures/mediawiki');
const fixture = (name: string) => path.join(FIXTURES, name);

function source(file: string): DumpSource {
  return async function* () {
    const decoder = new StringDecoder('utf8');
    for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) yield decoder.write(chunk);
    yield decoder.end();
  };
}

/** Every page and revision as MediaWiki wrote them. */
function dumpContents(file: string): { pages: DumpPage[]; revisions: { page: DumpPage; revision: DumpRevision }[] } {
  const reader = new MediaWikiXmlReader();
  const events = [...reader.write(readFileSync(file, 'utf8')), ...reader.end()];
  return {
    pages: events.flatMap((event) => (event.type === 'page' ? [event.page] : [])),
    revisions: events.flatMap((event) => (event.type === 'revision' ? [{ page: event.page, revision: event.revision }] : [])),
  };
}

async function counts(db: PrismaClient) {
  const [row] = await db.$queryRaw<{ pages: number; revisions: number; sources: number; users: number }[]>`
    SELECT (SELECT count(*)::int FROM pages) AS pages, (SELECT count(*)::int FROM revisions) AS revisions,
           (SELECT count(*)::int FROM revision_sources) AS sources, (SELECT count(*)::int FROM users) AS users`;
  return row!;
}

async function refusal(db: PrismaClient, file: string): Promise<string> {
  try {
    await importWiki(db, source(file), { overwrite: false });
  } catch (error) {
    if (isAppError(error)) return error.message;
    throw error;
  }
  throw new Error(`${file} was imported`);
}

const target = useRestoreTarget('wiki-wikitext-import-');
const fandomTarget = useRestoreTarget('wiki-fandom-import-');

describe('importing a MediaWiki dump in wikitext', () => {
  it('refuses damaged dumps naming the page and revision, and writes nothing', async () => {
    const before = await counts(target.db);
    expect(await refusal(target.db, fixture('malformed-sha1.xml'))).toMatch(/^Page ".+", revision \d+: the SHA-1 does not match the text/);
    expect(await refusal(target.db, fixture('malformed-model.xml'))).toMatch(/^Page ".+", revision \d+: the content model is "klingon", which this wiki cannot read/);
    expect(await refusal(target.db, fixture('malformed-truncated.xml'))).toMatch(
      /^The file ends in the middle of page "Formatting", revision \d+ \(it may have been cut short\)\.$/,
    );
    expect(await counts(target.db)).toEqual(before);
  });

  it('a dry run converts everything and reports, writing nothing', async () => {
    const before = await counts(target.db);
    const summary = await importWiki(target.db, source(fixture('constructs.xml')), { overwrite: false, dryRun: true, sourceName: 'constructs.xml' });
    expect(summary.report.dryRun).toBe(true);
    expect(summary.report.wikitextRevisions).toBeGreaterThan(50);
    expect(summary.report.pagesWithIssues.length).toBeGreaterThan(0);
    expect(summary.report.missingFiles.map((missing) => missing.file)).toContain('Missing.png');
    expect(await counts(target.db)).toEqual(before);
  });

  it('keeps every revision with its id, author, time, summary and minor flag, and its wikitext beside the markdown', async () => {
    const dump = dumpContents(fixture('constructs.xml'));
    const summary = await importWiki(target.db, source(fixture('constructs.xml')), { overwrite: false, sourceName: 'constructs.xml' });
    const imported = dump.revisions.filter(({ page }) => [0, 1, 2, 3, 6, 7, 10, 11, 14, 15].includes(page.namespace));
    expect(summary.revisions).toBe(imported.length);
    expect(summary.revisionsRenumbered).toBe(0);
    // The dump has its own Main Page: nothing to redirect.
    expect(summary.report.mainPageRedirect).toBeNull();

    const rows = await target.db.$queryRaw<{ id: number; author: string; created_at: Date; summary: string; minor: boolean; source: string; model: string; text: string }[]>`
      SELECT r.id, u.name AS author, r.created_at, r.summary, r.minor, s.text AS source, s.model, c.text
      FROM revisions r JOIN users u ON u.id = r.author_id JOIN revision_sources s ON s.revision_id = r.id JOIN contents c ON c.id = r.content_id
      ORDER BY r.id`;
    expect(rows.map((row) => ({ id: row.id, author: row.author, at: row.created_at.toISOString(), summary: row.summary, minor: row.minor, source: row.source }))).toEqual(
      imported
        .map(({ revision }) => ({
          id: revision.id,
          author: revision.author.name,
          at: revision.timestamp.toISOString(),
          summary: revision.summary,
          minor: revision.minor,
          source: revision.text,
        }))
        .sort((a, b) => a.id - b.id),
    );
    expect(new Set(rows.map((row) => row.model))).toEqual(new Set(['wikitext']));
    // Stored as markdown: no wikitext bold or headings left in what readers get.
    const formatting = rows.find((row) => row.source.includes("'''"))!;
    expect(formatting.text).not.toContain("'''");
    expect(formatting.text).toContain('**');
  });

  it('refuses a second import of the same dump and changes nothing', async () => {
    const before = await counts(target.db);
    expect(await refusal(target.db, fixture('constructs.xml'))).toMatch(/page\(s\) in the file already exist in this wiki: .*Nothing was imported/);
    expect(await counts(target.db)).toEqual(before);
  });

  it('brings a Fandom wiki: infobox template, pictures, redirects, categories, talk pages; lists what it cannot import', async () => {
    const fandom = fandomTarget.db;
    const summary = await importWiki(fandom, source(fixture('fandom-style.xml')), { overwrite: false, sourceName: 'fandom-style.xml' });
    expect(summary.fileVersions).toBe(7);
    expect(summary.report.skipped.map((page) => page.title).sort()).toEqual(
      [
        'MediaWiki:Common.css',
        'MediaWiki:Mainpage',
        'MediaWiki:Wiki-navigation',
        'Message Wall:TalonFan',
        'Module:Quote',
        'User blog:Lorekeeper42/The Ember Queen theory',
      ].sort(),
    );
    expect(summary.report.skipped.find((page) => page.title === 'Module:Quote')!.reason).toBe('namespace 828 (Module) has no counterpart in this wiki');

    const [aria] = await fandom.$queryRaw<{ html: string; id: number }[]>`
      SELECT rr.html, p.id FROM pages p JOIN rendered_revisions rr ON rr.revision_id = p.latest_revision_id WHERE p.namespace = 0 AND p.title = 'Aria_Vel'`;
    expect(aria!.html).toContain('class="portable-infobox');
    expect(aria!.html).toMatch(/<h2 class="portable-infobox-title"[^>]*>Aria Vel<\/h2>/);
    // Three references, the named one used twice.
    expect(aria!.html.match(/<li id="user-content-fn-[^"]+"/g)).toHaveLength(3);
    const categories = await fandom.$queryRaw<{ category: string }[]>`SELECT category FROM category_links WHERE page_id = ${aria!.id} ORDER BY 1`;
    expect(categories.map((row) => row.category)).toEqual(['Characters', 'Skyreach_Order_members']);
    const redirects = await fandom.$queryRaw<{ title: string; target: string }[]>`
      SELECT p.title, r.title AS target FROM redirects r JOIN pages p ON p.id = r.page_id ORDER BY 1`;
    expect(redirects).toContainEqual({ title: 'Aria', target: 'Aria_Vel' });
    // The wiki had no Main Page: it now leads to the Fandom wiki's own (its <base>).
    expect(summary.report.mainPageRedirect).toBe('Skyreach Wiki');
    expect(redirects).toContainEqual({ title: 'Main_Page', target: 'Skyreach_Wiki' });
    const talk = await fandom.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pages WHERE namespace = 1`;
    expect(talk[0]!.n).toBeGreaterThanOrEqual(2);
    const files = await fandom.$queryRaw<{ title: string }[]>`
      SELECT p.title FROM pages p JOIN files f ON f.page_id = p.id WHERE f.latest_version_id IS NOT NULL ORDER BY 1`;
    expect(files.map((row) => row.title)).toContain('Aria-Vel.png');
  });

  it('reads namespaces by number, whatever the dump calls them (a wiki in Italian)', async () => {
    const text = "Una '''prova'''.";
    const dump = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">
  <siteinfo><sitename>Wiki italiana</sitename><namespaces><namespace key="14" case="first-letter">Categoria</namespace><namespace key="1" case="first-letter">Discussione</namespace></namespaces></siteinfo>
  <page><title>Categoria:Personaggi</title><ns>14</ns><id>9005</id>
    <revision><id>9008</id><timestamp>2022-01-01T00:00:00Z</timestamp><contributor><username>Utente</username></contributor><model>wikitext</model><text bytes="${Buffer.byteLength(text)}">${text}</text><sha1>${sha1Base36(sha1Hex(text))}</sha1></revision>
  </page>
</mediawiki>`;
    const summary = await importWiki(
      fandomTarget.db,
      async function* () {
        yield dump;
      },
      { overwrite: false },
    );
    expect(summary.pages).toBe(1);
    const [page] = await fandomTarget.db.$queryRaw<{ namespace: number; title: string }[]>`SELECT namespace, title FROM pages WHERE id = 9005`;
    expect(page).toEqual({ namespace: 14, title: 'Personaggi' });
  });

  it('npm run import -- dump.xml.gz --dry-run prints what it would do and writes only the report', async () => {
    const before = await counts(target.db);
    const report = path.join(target.dir, 'dry.md');
    let stdout = '';
    let stderr = '';
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    const code = await runImport([fixture('fandom-wiki.xml.gz'), '--dry-run', `--report=${report}`], {
      out: (line) => (stdout += `${line}\n`),
      err: (line) => (stderr += `${line}\n`),
      stdout: sink,
      stderr: sink,
      withDatabase: (task) => task({ db: target.db, name: 'test' }),
    });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(
      /^Dry run, nothing written: \d+ page\(s\) and \d+ revision\(s\) would be imported \(\d+ converted from wikitext\)\.( \d+ page\(s\) already exist here: the import would refuse them unless --overwrite\.)?\nReport: \d+ page\(s\) with something not converted exactly, \d+ page\(s\) not imported/,
    );
    expect(readFileSync(report, 'utf8')).toMatch(/^# Import report: fandom-wiki\.xml\.gz\n\nDry run: nothing was written\. Dump of Emberfall Wiki:/);
    expect(await counts(target.db)).toEqual(before);
  });
});
