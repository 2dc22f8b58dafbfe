import 'server-only';
import { readPreviewFacts } from '@/lib/server/article-page';
import { ensurePreviewSummary } from '@/lib/server/render-revision';
import { getSiteName } from '@/lib/server/site';
import { fileEmbedInfo } from '@/lib/server/files/file-queries';
import type { FileEmbedInfo } from '@/lib/domain/files/types';
import { previewImage, previewMetadata, type LinkPreview, type PreviewMetadata } from '@/lib/domain/link-preview';
import { canonicalUrl } from '@/lib/domain/page-indexing';
import { configuredOrigin } from '@/lib/domain/http-security';
import { NS, makeParsedTitle, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { HIDDEN_BITS } from '@/lib/domain/visibility';

/**
 * What a shared link to the current article shows (docs/sharing.md): the description and picture
 * stored with its rendering when it was saved, and the revision's time. Nothing is computed per
 * request: the facts come from the article's own per-request statement (no query of its own when
 * the page is rendered too), except once for a rendering stored before link previews existed.
 *
 * Null, so that no preview tag is written at all, for a missing or deleted page, a redirect, and a
 * current revision whose text is hidden or archived: nothing hidden reaches a preview. The picture
 * is given only while its file's current version is visible to readers (the statement's file join
 * leaves out deleted and hidden versions); a File page's is its own file, one small query.
 *
 * `origin` is the wiki's configured address ("https://wiki.example.org", NEXTAUTH_URL): pictures
 * need absolute URLs. Without one there is no picture: the request's Host cannot stand in, because
 * the page cache keeps one copy of a page for every host (a request with a forged Host would put
 * its address in everybody's previews).
 */
export async function loadLinkPreview(title: ParsedTitle, origin: string | null): Promise<LinkPreview | null> {
  if (title.namespace === NS.SPECIAL) return null;
  const facts = await readPreviewFacts(title);
  if (facts === null || facts.isRedirect || facts.archived || (facts.hidden & HIDDEN_BITS.text) !== 0) return null;
  const summary = facts.description === null ? await ensurePreviewSummary(facts.revisionId) : { description: facts.description, previewFile: facts.previewFile };
  // A File page shows its own file; any other page, the picture its text shows first.
  const name = title.namespace === NS.FILE ? title.dbKey : summary.previewFile;
  let file: FileEmbedInfo | null = null;
  if (name !== null && origin !== null) {
    file = title.namespace === NS.FILE ? ((await fileEmbedInfo([name])).get(name) ?? null) : (facts.files.get(name) ?? null);
  }
  // Addresses name the file's own page (the embed may name it through a redirect, after a move).
  const image = file === null ? null : previewImage(origin!, file.name ?? name!, file.sha1, file, makeParsedTitle(NS.FILE, name!).prefixedText);
  return { description: summary.description, image, modifiedTime: facts.createdAt.toISOString() };
}

/**
 * The description, OpenGraph and Twitter tags of a current article read in `locale` (app/wiki's
 * generateMetadata), or nothing when loadLinkPreview has no preview for it.
 */
export async function articlePreviewMetadata(title: ParsedTitle, locale: string): Promise<PreviewMetadata | Record<string, never>> {
  const origin = configuredOrigin(process.env);
  const [preview, siteName] = await Promise.all([loadLinkPreview(title, origin), getSiteName()]);
  if (preview === null) return {};
  return previewMetadata(preview, { siteName, locale, canonicalUrl: canonicalUrl(titleToUrlPath(title), origin), title: title.prefixedText });
}
