import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { memoryPages, validateXML } from 'xmllint-wasm';

/**
 * Validation of a sitemap or sitemap index against sitemaps.org's own XML Schemas (copies in
 * tests/fixtures/sitemaps/, with their license), by libxml2's xmllint compiled to WebAssembly.
 * Resolves to the schema errors, [] for a valid document.
 */
export async function sitemapSchemaErrors(xml: string, kind: 'sitemap' | 'index'): Promise<string[]> {
  const schema = await readFile(path.join(import.meta.dirname, '../fixtures/sitemaps', kind === 'sitemap' ? 'sitemap.xsd' : 'siteindex.xsd'), 'utf8');
  const result = await validateXML({
    xml: [{ fileName: kind === 'sitemap' ? 'sitemap.xml' : 'sitemap-index.xml', contents: xml }],
    schema: [schema],
    // A 50,000-URL sitemap is ~5 MB; xmllint holds its tree.
    maxMemoryPages: memoryPages.GiB,
  });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}
