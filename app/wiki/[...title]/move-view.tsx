import Link from 'next/link';
import { PermissionNotice } from '@/components/PermissionNotice';
import { MovePageForm } from '@/components/MovePageForm';
import { submitMove } from '@/app/actions/move';
import { getEditableSource, pageExists } from '@/lib/server/pages';
import { getActor } from '@/lib/server/session';
import { pageContextFor } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { isTalkNamespace, talkTitleOf } from '@/lib/domain/talk';
import { NS, titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Special:MovePage/<Title>: the move form, the outcome of a move, or why the reader cannot move. */
export async function MovePageView({ target, query }: { target: string | null; query: SearchParams }) {
  const movedFrom = first(query.from);
  const movedTo = first(query.to);
  if (target === null && movedFrom && movedTo) {
    const from = tryParseTitle(movedFrom);
    const to = tryParseTitle(movedTo);
    if (from.ok && to.ok) {
      return (
        <div role="status" className="move-success">
          <p>
            <Link href={`${titleToUrlPath(from.title)}?redirect=no`}>{from.title.prefixedText}</Link> has been moved to{' '}
            <Link href={titleToUrlPath(to.title)}>{to.title.prefixedText}</Link>.
          </p>
          {first(query.talk) === '1' && <p>The associated talk page was moved too.</p>}
          {first(query.talkwarning) === '1' && <p className="notice notice-warning">The talk page was not moved because a talk page already exists at the new title. Please merge them by hand.</p>}
        </div>
      );
    }
  }
  if (target === null) return <p>Give the page to move in the address: Special:MovePage/<i>Page title</i>.</p>;
  const parsed = tryParseTitle(target);
  if (!parsed.ok || parsed.title.namespace === NS.SPECIAL) {
    return <p className="notice notice-error">“{target}” cannot be moved: {parsed.ok ? 'special pages cannot be moved' : parsed.reason}.</p>;
  }
  const title = parsed.title;
  const [source, actor] = await Promise.all([getEditableSource(title), getActor()]);
  if (!source) {
    return <p className="notice notice-error">The page “{title.prefixedText}” does not exist, so it cannot be moved.</p>;
  }
  const decision = can(actor, 'move', await pageContextFor(source.pageId), policySettings());
  if (!decision.allowed) {
    const returnTo = `/wiki/Special:MovePage/${titleToUrlPath(title).slice('/wiki/'.length)}`;
    return (
      <PermissionNotice decision={decision} returnTo={returnTo} />
    );
  }
  const talk = isTalkNamespace(title.namespace) ? null : talkTitleOf(title);
  const hasTalkPage = talk !== null && (await pageExists(talk));
  return (
    <>
      <p>
        Moving <Link href={titleToUrlPath(title)}>{title.prefixedText}</Link> renames it, together with its whole history. The old title
        becomes a redirect to the new one unless you untick the box. Links to the old title are not changed.
      </p>
      <MovePageForm
        action={submitMove}
        hasTalkPage={hasTalkPage}
        initial={{ from: title.prefixedText, to: title.prefixedText, reason: '', leaveRedirect: true, moveTalk: true, baseRevisionId: String(source.revisionId) }}
      />
    </>
  );
}
