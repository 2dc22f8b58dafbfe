import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { pageContextFor } from '@/lib/server/protection';
import { fileDetails, fileUsage } from '@/lib/server/files/file-queries';
import { loadReadScreen, type ReadScreen } from '@/lib/server/screens/wiki-page';
import { fileHistoryRows, filePreview, uploadHref, type FileLead, type FileTrail } from '@/lib/domain/files/file-page-view';
import type { FileDetails } from '@/lib/domain/files/types';
import { can } from '@/lib/domain/policy';
import { digitsParam, type SearchParams } from '@/lib/domain/query-params';
import { makeParsedTitle, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

/** Pages listed under "File usage" at a time (MediaWiki's $wgPageInfoMaxLinks is 100; the list is usually short). */
const USAGE_PER_PAGE = 100;

export interface FilePageScreen {
  /** The page itself, as any page is read (its text is the description). */
  read: ReadScreen;
  lead: FileLead;
  trail: FileTrail | null;
}

function leadOf(title: ParsedTitle, details: FileDetails | null): FileLead {
  if (!details) return { kind: 'none', uploadHref: uploadHref(title.dbKey) };
  if (!details.latest) return details.versions.length > 0 ? { kind: 'deleted' } : { kind: 'none', uploadHref: uploadHref(title.dbKey) };
  const preview = filePreview(details.latest, title.dbKey);
  return preview ? { kind: 'preview', preview } : { kind: 'hidden' };
}

function pageLink(prefixedText: string): { href: string; text: string } | null {
  const parsed = tryParseTitle(prefixedText);
  return parsed.ok ? { href: titleToUrlPath(parsed.title), text: parsed.title.prefixedText } : null;
}

/**
 * /wiki/File:Name: the page as any page (its description), and around it the file: the preview,
 * the file history with the viewer's revert links, the "upload a new version" link and the file
 * usage (`?usagefrom=<page id>` pages through it).
 */
export async function loadFilePageScreen(title: ParsedTitle, query: SearchParams): Promise<FilePageScreen> {
  const actor = await getActor();
  const [read, details] = await Promise.all([loadReadScreen(title, query), fileDetails(title, actor)]);
  const lead = leadOf(title, details);
  if (!details) return { read, lead, trail: null };
  const settings = policySettings();
  const context = await pageContextFor(details.pageId);
  const mayReupload = can(actor, 'reupload', context, settings).allowed;
  const mayHide = can(actor, 'hiderevision', context, settings).allowed;
  const path = titleToUrlPath(title);
  const usage = await fileUsage(title, { after: digitsParam(query.usagefrom, 9), limit: USAGE_PER_PAGE });
  return {
    read,
    lead,
    trail: {
      history: fileHistoryRows(details.versions, title.dbKey, mayReupload && details.latest ? path : null, mayHide),
      uploadNewVersionHref: mayReupload ? uploadHref(title.dbKey, details.latest !== null) : null,
      usage: usage.rows.map((row) => ({ href: titleToUrlPath(makeParsedTitle(row.namespace as ParsedTitle['namespace'], row.title)), text: row.prefixedText })),
      usageNextHref: usage.next === null ? null : `${path}?usagefrom=${usage.next}`,
      duplicates: details.duplicates.map(pageLink).filter((link) => link !== null),
    },
  };
}
