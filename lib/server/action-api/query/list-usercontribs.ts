import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { looksLikeIpAddress } from '@/lib/domain/accounts';
import type { ChangeRow } from '@/lib/domain/history';
import { findUserByName } from '@/lib/server/history';
import type { ApiContext } from '@/lib/server/action-api/module';
import type { ListModule } from '@/lib/server/action-api/query/types';
import { apiTimestamp, idContinue, namespaces, showFlags, TIME_DIRECTIONS } from '@/lib/server/action-api/query/list-common';
import { authorMembers, commentMembers, changeConditions, walkChanges } from '@/lib/server/action-api/query/list-changes';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * list=usercontribs (MediaWiki's ApiQueryUserContribs) over Special:Contributions' query: the same
 * rows, edits whose author was hidden listed only to viewers of deleted material. Not a generator,
 * as in MediaWiki. The continuation is "<timestamp>|<revid>" whether one user or several is asked.
 */

const PROPS = ['ids', 'title', 'timestamp', 'comment', 'parsedcomment', 'size', 'sizediff', 'flags', 'patrolled', 'tags'] as const;
const SHOW = ['minor', 'new', 'top'] as const;

export const userContribsList: ListModule = {
  prefix: 'uc',
  generator: false,
  async run(context: ApiContext, params: PrefixedParams) {
    const viewer = context.session.actor;
    const props = new Set(params.has('prop') ? params.list('prop', PROPS) : ['ids', 'title', 'timestamp', 'comment', 'size', 'flags']);
    const which = params.exactlyOne('user', 'userids', 'userprefix');
    const show = showFlags(params, SHOW);
    const dir = params.choice('dir', TIME_DIRECTIONS, 'older')!;
    const start = params.timestamp('start');
    const end = params.timestamp('end');
    const limit = params.limit('limit', 10, 500, 5000);
    const fromId = idContinue(params);
    const ns = namespaces(params);

    let authorIds: number[] | undefined;
    let authorPrefix: string | undefined;
    if (which === params.name('user')) {
      const found = await Promise.all(params.list('user').map((name) => findUserByName(name)));
      authorIds = found.flatMap((user) => (user ? [user.id] : []));
    } else if (which === params.name('userids')) {
      authorIds = params
        .list('userids')
        .map((raw) => {
          if (!/^\d{1,10}$/.test(raw)) throw new ApiError('badinteger', `Invalid value "${raw}" for integer parameter "${params.name('userids')}".`);
          return Number(raw);
        })
        // An id beyond the INTEGER column names no user.
        .filter(isStorableId);
    } else {
      authorPrefix = params.requiredString('userprefix').replaceAll('_', ' ');
      authorPrefix = authorPrefix.charAt(0).toUpperCase() + authorPrefix.slice(1);
    }
    if (authorIds?.length === 0) return { items: [] };

    const flag = (name: (typeof SHOW)[number]) => (show.has(name) ? true : show.has(`!${name}`) ? false : undefined);
    const where = changeConditions({ namespaces: ns, start, end, dir, authorIds, authorPrefix, minor: flag('minor'), creation: flag('new'), latest: flag('top') }, viewer);
    const { rows, next } = await walkChanges(where, { limit, dir, fromId }, viewer);
    return { items: rows.map((row) => item(row, props)), ...(next ? { continueWith: { continue: next } } : {}) };
  },
};

function item(row: ChangeRow, props: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = authorMembers(row, { user: true, userid: true }, looksLikeIpAddress(row.author.name));
  delete out.anon;
  if (props.has('ids')) Object.assign(out, { pageid: row.pageId, revid: row.revisionId, parentid: row.parentId ?? 0 });
  if (props.has('title')) Object.assign(out, { ns: row.title.namespace, title: row.title.prefixedText });
  if (props.has('timestamp')) out.timestamp = apiTimestamp(row.createdAt);
  if (row.visibility?.hidden.text) out.texthidden = true;
  if (props.has('flags')) Object.assign(out, { new: row.isCreation, minor: row.minor, top: row.isLatest });
  Object.assign(out, commentMembers(row, props.has('comment')));
  if (props.has('size')) out.size = row.size;
  if (props.has('sizediff')) out.sizediff = row.delta;
  if (props.has('tags')) out.tags = [];
  return out;
}
