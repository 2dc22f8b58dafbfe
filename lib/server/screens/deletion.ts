import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { deleteFormState, getArchivedRevisions, type ArchivedRevisions } from '@/lib/server/deletion';
import { visibilityFormState, type VisibilityFormState } from '@/lib/server/revision-visibility';
import { can, type Decision } from '@/lib/domain/policy';
import { first, parseId, type SearchParams } from '@/lib/domain/query-params';
import { hiddenParts } from '@/lib/domain/visibility';
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

type Denied = Exclude<Decision, { allowed: true }>;

export type DeleteScreen = { kind: 'denied'; decision: Denied } | { kind: 'missing' } | { kind: 'form'; hasTalkPage: boolean; latestRevisionId: number };

/** /wiki/<Title>?action=delete: the confirmation form's data (administrators), or why the reader cannot delete. */
export async function loadDeleteScreen(title: ParsedTitle): Promise<DeleteScreen> {
  const [state, actor] = await Promise.all([deleteFormState(title), getActor()]);
  const decision = can(actor, 'delete', null, policySettings());
  if (!decision.allowed) return { kind: 'denied', decision };
  if (!state) return { kind: 'missing' };
  return { kind: 'form', ...state };
}

export type UndeleteScreen =
  | { kind: 'no-target' }
  /** `reason` is null for a valid title that cannot be undeleted (a special page). */
  | { kind: 'bad-target'; target: string; reason: string | null }
  | { kind: 'denied'; title: ParsedTitle; decision: Denied }
  | { kind: 'nothing-deleted'; title: ParsedTitle }
  | { kind: 'archive'; title: ParsedTitle; archive: ArchivedRevisions };

/** Special:Undelete/<Title>: a page's deleted revisions, for the restore form. */
export async function loadUndeleteScreen(target: string | null): Promise<UndeleteScreen> {
  if (target === null) return { kind: 'no-target' };
  const parsed = tryParseTitle(target);
  if (!parsed.ok || parsed.title.namespace === NS.SPECIAL) return { kind: 'bad-target', target, reason: parsed.ok ? null : parsed.reason };
  const title = parsed.title;
  const actor = await getActor();
  const decision = can(actor, 'undelete', null, policySettings());
  if (!decision.allowed) return { kind: 'denied', title, decision };
  const archive = await getArchivedRevisions(actor, title);
  return archive ? { kind: 'archive', title, archive } : { kind: 'nothing-deleted', title };
}

export type RevisionDeleteScreen =
  | { kind: 'no-revision' }
  | { kind: 'denied'; revisionId: number; decision: Denied }
  | { kind: 'unknown-revision'; revisionId: number }
  | {
      kind: 'form';
      revisionId: number;
      detail: VisibilityFormState['detail'];
      isCurrent: boolean;
      initial: {
        target: string;
        revisionId: string;
        hideText: string;
        hideSummary: string;
        hideAuthor: string;
        reason: string;
        seenHidden: string;
        latestRevisionId: string;
      };
    };

/** Special:RevisionDelete?target=<Title>&ids=<id>: which parts of one revision non-administrators see. */
export async function loadRevisionDeleteScreen(query: SearchParams): Promise<RevisionDeleteScreen> {
  // MediaWiki's ids= may list several revisions; this form changes one at a time (the first).
  const revisionId = parseId(first(query.ids)?.split(',')[0]);
  if (revisionId === null || revisionId === undefined) return { kind: 'no-revision' };
  const actor = await getActor();
  const decision = can(actor, 'hiderevision', null, policySettings());
  if (!decision.allowed) return { kind: 'denied', revisionId, decision };
  const state = await visibilityFormState(actor, revisionId);
  if (!state) return { kind: 'unknown-revision', revisionId };
  const { detail, hidden, isCurrent } = state;
  const parts = hiddenParts(hidden);
  const box = (on: boolean) => (on ? 'on' : '');
  return {
    kind: 'form',
    revisionId,
    detail,
    isCurrent,
    initial: {
      target: detail.title.prefixedText,
      revisionId: String(revisionId),
      hideText: box(parts.text),
      hideSummary: box(parts.summary),
      hideAuthor: box(parts.author),
      reason: '',
      seenHidden: String(hidden),
      latestRevisionId: detail.latestRevisionId === null ? '' : String(detail.latestRevisionId),
    },
  };
}
