import 'server-only';
import { mediaWikiGroups, mediaWikiRights } from '@/lib/domain/action-api/user-groups';
import { apiTimestamp } from '@/lib/domain/action-api/result';
import { can } from '@/lib/domain/policy';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { policySettings } from '@/lib/server/settings';
import type { MetaModule } from '@/lib/server/action-api/query/types';

const PROPS = [
  'blockinfo',
  'hasmsg',
  'groups',
  'groupmemberships',
  'implicitgroups',
  'rights',
  'changeablegroups',
  'options',
  'editcount',
  'ratelimits',
  'email',
  'realname',
  'acceptlang',
  'registrationdate',
  'registration',
  'unreadcount',
  'centralids',
  'latestcontrib',
  'cancreateaccount',
] as const;

/** meta=userinfo (MediaWiki's ApiQueryUserInfo): who the session is, its groups and rights. */
export const userInfoMeta: MetaModule = {
  prefix: 'ui',
  async run(context, params) {
    const props = new Set(params.list('prop', PROPS));
    const actor = context.session.actor;
    const now = new Date();
    const info: Record<string, unknown> =
      actor.userId === null ? { id: 0, name: clientIpFromHeaders(context.request.headers), anon: true } : { id: actor.userId, name: actor.name };
    const blocked = actor.blocked;
    if (props.has('blockinfo') && blocked !== null && (blocked.expiresAt === null || blocked.expiresAt > now)) {
      info.blockreason = blocked.reason;
      info.blockexpiry = blocked.expiresAt === null ? 'infinite' : apiTimestamp(blocked.expiresAt);
      info.blockpartial = !blocked.sitewide;
    }
    const groups = mediaWikiGroups(actor, now);
    if (props.has('groups')) info.groups = groups;
    if (props.has('groupmemberships')) info.groupmemberships = groups.filter((g) => g === 'sysop' || g === 'bot').map((group) => ({ group, expiry: 'infinity' }));
    if (props.has('implicitgroups')) info.implicitgroups = groups.filter((g) => g === '*' || g === 'user' || g === 'autoconfirmed');
    if (props.has('rights')) info.rights = mediaWikiRights(actor, policySettings(), context.params.highLimits, now);
    if (props.has('editcount') && actor.userId !== null) info.editcount = actor.editCount;
    if ((props.has('registration') || props.has('registrationdate')) && actor.userId !== null) {
      info.registrationdate = actor.createdAt === null ? null : apiTimestamp(actor.createdAt);
    }
    if (props.has('hasmsg')) info.messages = false;
    if (props.has('cancreateaccount')) info.cancreateaccount = can(actor, 'createaccount', null, policySettings(), now).allowed;
    return { userinfo: info };
  },
};
