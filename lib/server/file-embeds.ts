import 'server-only';
import { fileEmbedInfo } from '@/lib/server/files/file-queries';
import { fileEmbedNames, resolveFileEmbeds, type FileEmbedMap } from '@/lib/domain/files/embeds';

/**
 * Stored (or preview) HTML with its file embeds shown as the wiki is now: each file's current
 * version, or an upload link for a file that has none. `known` holds what the caller's own query
 * already found (the article reads file_links with the page); the other names cost one query,
 * none when the HTML embeds no file.
 */
export async function withFileEmbeds(html: string, known: FileEmbedMap = new Map()): Promise<string> {
  const names = fileEmbedNames(html);
  if (names.length === 0) return html;
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length === 0) return resolveFileEmbeds(html, known);
  const found = await fileEmbedInfo(unknown);
  return resolveFileEmbeds(html, new Map([...known, ...found]));
}
