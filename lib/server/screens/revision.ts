import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { readPageTabs, type PageTabsData } from '@/lib/server/article-page';
import { getRevisionWithRendering, type RevisionWithRendering } from '@/lib/server/revisions';
import { resolveComparison, type Comparison } from '@/lib/server/compare';
import { resolveRedLinks } from '@/lib/server/links';
import { withFileEmbeds } from '@/lib/server/file-embeds';
import { pageContextFor } from '@/lib/server/protection';
import { thankableRevisionIds } from '@/lib/server/thanks';
import { readRevisionSource, type RevisionSource } from '@/lib/server/revision-sources';
import { can } from '@/lib/domain/policy';
import { diffRevisions, type DiffResult } from '@/lib/domain/diff';
import { isAppError } from '@/lib/domain/errors';
import type { DiffTarget } from '@/lib/domain/query-params';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

export type RevisionScreen =
  | { kind: 'not-found' }
  /** MediaWiki shows a revision under its own page's title whatever the URL said. */
  | { kind: 'elsewhere'; href: string }
  | {
      kind: 'revision';
      detail: RevisionWithRendering;
      isLatest: boolean;
      /** An older revision whose text the reader may put back ("Restore this version"). */
      mayRestore: boolean;
      tabs: PageTabsData;
      /** The wikitext an imported revision came from, for administrators; else null. */
      importSource: RevisionSource | null;
    };

/** /wiki/<Title>?oldid=<id>: a revision exactly as it was rendered when saved, with links as the wiki is now. */
export async function loadRevisionScreen(title: ParsedTitle, oldid: number): Promise<RevisionScreen> {
  const actor = await getActor();
  // Revisions of a deleted page are missing for readers (404), as any revision that does not exist.
  const detail = await getRevisionWithRendering(oldid, actor);
  if (!detail) return { kind: 'not-found' };
  if (detail.title.prefixedDbKey !== title.prefixedDbKey) return { kind: 'elsewhere', href: `${titleToUrlPath(detail.title)}?oldid=${oldid}` };

  // Links are red or blue, and files shown, as the wiki is now, not as it was when the revision was saved.
  const [html, tabs, importSource] = await Promise.all([
    resolveRedLinks(detail.html).then((linked) => withFileEmbeds(linked)),
    readPageTabs(title, actor),
    readRevisionSource(oldid, actor),
  ]);
  const { revision } = detail;
  const isLatest = revision.id === detail.latestRevisionId;
  const mayRestore =
    !isLatest && !revision.visibility?.archived && detail.text !== null && can(actor, 'edit', await pageContextFor(revision.pageId), policySettings()).allowed;
  return { kind: 'revision', detail: { ...detail, html }, isLatest, mayRestore, tabs, importSource };
}

export type DiffScreen =
  | { kind: 'not-found' }
  /** A side whose text is hidden from the reader refuses the diff, with the reason. */
  | { kind: 'refused'; message: string }
  | { kind: 'elsewhere'; href: string }
  | {
      kind: 'diff';
      comparison: Comparison;
      diff: DiffResult;
      /** The newer revision rendered, shown under the diff. */
      html: string;
      isLatest: boolean;
      olderLatest: boolean;
      mayRollback: boolean;
      /** The newer side's header gets "(thank)" for this viewer. */
      mayThankNewer: boolean;
      tabs: PageTabsData;
      /** This comparison's address, side by side and inline (`diffmode=inline`). */
      toggleHrefs: { sideBySide: string; inline: string };
    };

/** /wiki/<Title>?diff=…&oldid=…: two revisions compared, then the newer one rendered. */
export async function loadDiffScreen(title: ParsedTitle, diff: DiffTarget, oldid: number | undefined): Promise<DiffScreen> {
  const actor = await getActor();
  let comparison: Comparison;
  try {
    // 404 for a revision the reader may not know of (deleted page); a hidden text refuses the diff with its reason.
    comparison = await resolveComparison(diff, oldid, actor);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === 'NOT_FOUND') return { kind: 'not-found' };
    return { kind: 'refused', message: error.message };
  }
  const { older, newer } = comparison;
  const address = `${titleToUrlPath(newer.title)}?diff=${newer.revision.id}${older ? `&oldid=${older.revision.id}` : ''}`;
  if (newer.title.prefixedDbKey !== title.prefixedDbKey) return { kind: 'elsewhere', href: address };
  const [rendered, tabs, thankable] = await Promise.all([
    getRevisionWithRendering(newer.revision.id, actor),
    readPageTabs(title, actor),
    thankableRevisionIds(actor, [{ revisionId: newer.revision.id, author: newer.revision.author, visibility: newer.revision.visibility }]),
  ]);
  const isLatest = newer.revision.id === newer.latestRevisionId;
  return {
    kind: 'diff',
    comparison,
    diff: diffRevisions(older?.text ?? '', newer.text),
    html: await withFileEmbeds(rendered?.html ?? ''),
    isLatest,
    olderLatest: older !== null && older.revision.id === older.latestRevisionId,
    mayRollback: isLatest && can(actor, 'rollback', await pageContextFor(newer.revision.pageId), policySettings()).allowed,
    mayThankNewer: thankable.length > 0,
    tabs,
    toggleHrefs: { sideBySide: address, inline: `${address}&diffmode=inline` },
  };
}
