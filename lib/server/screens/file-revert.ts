import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { pageContextFor } from '@/lib/server/protection';
import { fileDetails } from '@/lib/server/files/file-queries';
import { originalUrl } from '@/lib/domain/files/thumbnail-sizes';
import { can, type Decision } from '@/lib/domain/policy';
import { parseId, type SearchParams } from '@/lib/domain/query-params';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

export type FileRevertScreen =
  | { kind: 'no-file' }
  | { kind: 'no-version'; id: string }
  /** The version asked for is the current one: nothing to revert. */
  | { kind: 'current' }
  | { kind: 'denied'; decision: Exclude<Decision, { allowed: true }>; returnTo: string }
  | { kind: 'form'; versionId: number; latestVersionId: number; createdAt: Date; originalHref: string; cancelHref: string };

/**
 * /wiki/File:Name?action=revert&oldimage=<version id>: MediaWiki's confirmation before a file is
 * reverted to an earlier version (policy 'reupload' on the File page, as any new version).
 */
export async function loadFileRevertScreen(title: ParsedTitle, query: SearchParams): Promise<FileRevertScreen> {
  const actor = await getActor();
  const details = await fileDetails(title, actor);
  if (!details?.latest) return { kind: 'no-file' };
  const id = parseId(query.oldimage);
  const version = id ? details.versions.find((candidate) => candidate.id === id) : undefined;
  if (!version || version.archived || version.sha1 === null) return { kind: 'no-version', id: String(query.oldimage ?? '') };
  if (version.isLatest) return { kind: 'current' };
  const path = titleToUrlPath(title);
  const decision = can(actor, 'reupload', await pageContextFor(details.pageId), policySettings());
  if (!decision.allowed) return { kind: 'denied', decision, returnTo: `${path}?action=revert&oldimage=${version.id}` };
  return {
    kind: 'form',
    versionId: version.id,
    latestVersionId: details.latest.id,
    createdAt: version.createdAt,
    originalHref: originalUrl(version.sha1, title.dbKey),
    cancelHref: path,
  };
}
