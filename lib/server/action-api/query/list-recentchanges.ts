import 'server-only';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { looksLikeIpAddress } from '@/lib/domain/accounts';
import type { ChangeRow } from '@/lib/domain/history';
import { findUserByName } from '@/lib/server/history';
import type { ApiContext } from '@/lib/server/action-api/module';
import type { ListModule } from '@/lib/server/action-api/query/types';
import { apiTimestamp, asGenerator, idContinue, namespaces, showFlags, TIME_DIRECTIONS } from '@/lib/server/action-api/query/list-common';
import { authorMembers, changeConditions, commentMembers, revisionExtras, walkChanges } from '@/lib/server/action-api/query/list-changes';

/*
 * list=recentchanges (MediaWiki's ApiQueryRecentChanges) over Special:RecentChanges' query. This
 * wiki's recent changes are edits and page creations: rctype=log is accepted and lists nothing,
 * as Special:RecentChanges shows no log entries. Unlike the web page, bots' edits are listed
 * unless rcshow=!bot, as MediaWiki's API does. rcid is the revision id (one change per revision).
 */

const PROPS = ['user', 'userid', 'comment', 'parsedcomment', 'flags', 'timestamp', 'title', 'ids', 'sizes', 'redirect', 'patrolled', 'loginfo', 'tags', 'sha1'] as const;
const TYPES = ['edit', 'new', 'log', 'external', 'categorize'] as const;
const SHOW = ['minor', 'bot', 'anon', 'redirect'] as const;

export const recentChangesList: ListModule = {
  prefix: 'rc',
  generator: true,
  async run(context: ApiContext, params: PrefixedParams) {
    const viewer = context.session.actor;
    const props = new Set(params.has('prop') ? params.list('prop', PROPS) : ['title', 'timestamp', 'ids']);
    const generator = asGenerator(params, 'rc');
    if (generator) props.add('title').add('ids');
    const types = new Set(params.has('type') ? params.list('type', TYPES) : TYPES);
    const show = showFlags(params, SHOW);
    const dir = params.choice('dir', TIME_DIRECTIONS, 'older')!;
    const start = params.timestamp('start');
    const end = params.timestamp('end');
    const limit = params.limit('limit', 10, 500, 5000);
    const fromId = idContinue(params);
    const topOnly = params.flag('toponly');
    const ns = namespaces(params);
    params.atMostOne('user', 'excludeuser');
    const userName = params.string('user');
    const excludeName = params.string('excludeuser');

    const wantsEdits = types.has('edit') || types.has('new');
    const user = userName ? await findUserByName(userName) : null;
    if (!wantsEdits || (userName && !user)) return { items: [] };
    const excluded = excludeName ? await findUserByName(excludeName) : null;

    const flag = (name: (typeof SHOW)[number]) => (show.has(name) ? true : show.has(`!${name}`) ? false : undefined);
    const creation = types.has('edit') && types.has('new') ? undefined : types.has('new');
    const where = changeConditions(
      {
        namespaces: ns,
        start,
        end,
        dir,
        authorIds: user ? [user.id] : undefined,
        excludeAuthorId: excluded?.id,
        minor: flag('minor'),
        bot: flag('bot'),
        anonymous: flag('anon'),
        redirect: flag('redirect'),
        creation,
        latest: topOnly ? true : undefined,
      },
      viewer,
    );
    const { rows, next } = await walkChanges(where, { limit, dir, fromId }, viewer);
    const extras = props.has('sha1') || props.has('redirect') ? await revisionExtras(rows.map((row) => row.revisionId)) : new Map();
    return {
      items: rows.map((row) => item(row, props, extras.get(row.revisionId))),
      ...(next ? { continueWith: { continue: next } } : {}),
    };
  },
};

function item(row: ChangeRow, props: ReadonlySet<string>, extra: { sha1: string; redirect: boolean } | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = { type: row.isCreation ? 'new' : 'edit' };
  if (props.has('title')) Object.assign(out, { ns: row.title.namespace, title: row.title.prefixedText });
  if (props.has('ids')) Object.assign(out, { pageid: row.pageId, revid: row.revisionId, old_revid: row.parentId ?? 0, rcid: row.revisionId });
  Object.assign(out, authorMembers(row, { user: props.has('user'), userid: props.has('userid') }, looksLikeIpAddress(row.author.name)));
  if (props.has('flags')) Object.assign(out, { bot: row.bot === true, new: row.isCreation, minor: row.minor });
  if (props.has('sizes')) Object.assign(out, { oldlen: row.size - row.delta, newlen: row.size });
  if (props.has('timestamp')) out.timestamp = apiTimestamp(row.createdAt);
  Object.assign(out, commentMembers(row, props.has('comment')));
  if (props.has('parsedcomment') && !row.visibility?.withheld.summary) out.parsedcomment = escapeComment(row.summary);
  if (props.has('redirect') && extra?.redirect) out.redirect = true;
  if (props.has('tags')) out.tags = [];
  if (props.has('sha1')) {
    if (row.visibility?.hidden.text) out.sha1hidden = true;
    if (!row.visibility?.withheld.text && extra) out.sha1 = extra.sha1;
  }
  return out;
}

/** parsedcomment without a wikitext parser: the summary as safe HTML text. */
function escapeComment(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
