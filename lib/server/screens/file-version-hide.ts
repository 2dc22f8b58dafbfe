import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { fileDetails } from '@/lib/server/files/file-queries';
import { can, type Decision } from '@/lib/domain/policy';
import { first, parseId, type SearchParams } from '@/lib/domain/query-params';
import { fileHiddenBits, type FileVersionInfo } from '@/lib/domain/files/types';
import { fileVersionHideHref, type FileVersionHideValues } from '@/lib/domain/files/hide-version-input';
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

type Denied = Exclude<Decision, { allowed: true }>;

export type FileVersionHideScreen =
  /** No File: target or no version id in the address. */
  | { kind: 'no-version' }
  | { kind: 'denied'; returnTo: string; decision: Denied }
  | { kind: 'unknown-version'; title: ParsedTitle; versionId: number }
  | {
      kind: 'form';
      title: ParsedTitle;
      /** As administrators see it: nothing withheld, hidden parts marked. */
      version: FileVersionInfo;
      /** The current version: its file cannot be hidden (hideFileVersion refuses it too). */
      isCurrent: boolean;
      initial: FileVersionHideValues;
    };

/**
 * Special:RevisionDelete?type=oldimage&target=File:<Name>&ids=<version id>: which parts of one file
 * version non-administrators see (MediaWiki's address; ids= may list several, this form changes
 * the first).
 */
export async function loadFileVersionHideScreen(query: SearchParams): Promise<FileVersionHideScreen> {
  const target = tryParseTitle(first(query.target) ?? '');
  const versionId = parseId(first(query.ids)?.split(',')[0]);
  if (!target.ok || target.title.namespace !== NS.FILE || versionId === null || versionId === undefined) return { kind: 'no-version' };
  const title = target.title;
  const actor = await getActor();
  const decision = can(actor, 'hiderevision', null, policySettings());
  if (!decision.allowed) return { kind: 'denied', returnTo: fileVersionHideHref(title.dbKey, versionId), decision };
  const details = await fileDetails(title, actor);
  const version = details?.versions.find((candidate) => candidate.id === versionId);
  if (!version) return { kind: 'unknown-version', title, versionId };
  const box = (on: boolean) => (on ? 'on' : '');
  const { hidden } = version;
  return {
    kind: 'form',
    title,
    version,
    isCurrent: version.isLatest,
    initial: {
      target: title.prefixedText,
      versionId: String(versionId),
      hideFile: box(hidden.file),
      hideComment: box(hidden.comment),
      hideUploader: box(hidden.uploader),
      reason: '',
      seenHidden: String(fileHiddenBits(hidden)),
    },
  };
}
