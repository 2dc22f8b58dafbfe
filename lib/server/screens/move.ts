import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { getEditableSource, pageExists } from '@/lib/server/pages';
import { pageContextFor } from '@/lib/server/protection';
import { can, type Decision } from '@/lib/domain/policy';
import { first, type SearchParams } from '@/lib/domain/query-params';
import { isTalkNamespace, talkTitleOf } from '@/lib/domain/talk';
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

export type MoveScreen =
  /** After a move: the action redirects here with ?from=…&to=… (and talk=1 or talkwarning=1). */
  | { kind: 'moved'; from: ParsedTitle; to: ParsedTitle; talkMoved: boolean; talkNotMoved: boolean }
  | { kind: 'no-target' }
  /** `reason` is null for a valid title that cannot be moved (a special page). */
  | { kind: 'bad-target'; target: string; reason: string | null }
  | { kind: 'missing'; title: ParsedTitle }
  | { kind: 'denied'; title: ParsedTitle; decision: Exclude<Decision, { allowed: true }> }
  | { kind: 'form'; title: ParsedTitle; hasTalkPage: boolean; baseRevisionId: number };

/** Special:MovePage/<Title>: the move form's data, the outcome of a move, or why the reader cannot move. */
export async function loadMoveScreen(target: string | null, query: SearchParams): Promise<MoveScreen> {
  const movedFrom = first(query.from);
  const movedTo = first(query.to);
  if (target === null && movedFrom && movedTo) {
    const from = tryParseTitle(movedFrom);
    const to = tryParseTitle(movedTo);
    if (from.ok && to.ok) {
      return { kind: 'moved', from: from.title, to: to.title, talkMoved: first(query.talk) === '1', talkNotMoved: first(query.talkwarning) === '1' };
    }
  }
  if (target === null) return { kind: 'no-target' };
  const parsed = tryParseTitle(target);
  if (!parsed.ok || parsed.title.namespace === NS.SPECIAL) return { kind: 'bad-target', target, reason: parsed.ok ? null : parsed.reason };
  const title = parsed.title;
  const [source, actor] = await Promise.all([getEditableSource(title), getActor()]);
  if (!source) return { kind: 'missing', title };
  const decision = can(actor, 'move', await pageContextFor(source.pageId), policySettings());
  if (!decision.allowed) return { kind: 'denied', title, decision };
  const talk = isTalkNamespace(title.namespace) ? null : talkTitleOf(title);
  const hasTalkPage = talk !== null && (await pageExists(talk));
  return { kind: 'form', title, hasTalkPage, baseRevisionId: source.revisionId };
}
