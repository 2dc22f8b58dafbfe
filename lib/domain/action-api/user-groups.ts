/**
 * This wiki's roles and permission table in MediaWiki's words, for meta=userinfo: bots branch on
 * group names ("sysop", "bot") and right names (mwn checks `rights.includes('apihighlimits')`),
 * so the answer uses MediaWiki's names while the decisions stay those of lib/domain/policy.ts.
 *
 * Pure: no I/O.
 */
import { can, effectiveRole, roleAtLeast, type Action, type Actor, type PolicySettings } from '@/lib/domain/policy';

/** MediaWiki's implicit and explicit groups of the actor, in MediaWiki's order. */
export function mediaWikiGroups(actor: Actor, now: Date = new Date()): string[] {
  const role = effectiveRole(actor, now);
  const groups = ['*'];
  if (role === 'anonymous') return groups;
  groups.push('user');
  // Administrators rank above autoconfirmed users here, so they hold its rights as well.
  if (roleAtLeast(role, 'autoconfirmed')) groups.push('autoconfirmed');
  if (role === 'admin') groups.push('sysop');
  if (actor.bot === true) groups.push('bot');
  return groups;
}

/**
 * The MediaWiki rights each action of the table stands for. Actions with no MediaWiki right
 * (reading import sources, notifications, thanks) are left out rather than given invented names.
 */
const RIGHTS_OF_ACTION: Readonly<Partial<Record<Action, readonly string[]>>> = {
  read: ['read'],
  edit: ['edit', 'minoredit'],
  create: ['createpage', 'createtalk'],
  createaccount: ['createaccount'],
  move: ['move', 'move-subpages', 'move-rootuserpages'],
  delete: ['delete', 'deletedhistory', 'deletedtext'],
  undelete: ['undelete'],
  protect: ['protect'],
  block: ['block'],
  rollback: ['rollback'],
  hiderevision: ['deleterevision'],
  userrights: ['userrights'],
  viewdeleted: ['browsearchive'],
  apiwrite: ['writeapi'],
  upload: ['upload'],
  reupload: ['reupload', 'reupload-own'],
  viewmywatchlist: ['viewmywatchlist'],
  editmywatchlist: ['editmywatchlist'],
  editmyprivateinfo: ['editmyprivateinfo'],
};

/**
 * The actor's rights, as MediaWiki's getUserPermissions: what the groups (and a bot password's
 * grants) allow, whatever a block stops for now (blockinfo says that), and whatever a page's
 * protection asks (editsemiprotected/editprotected say which levels the actor passes).
 */
export function mediaWikiRights(actor: Actor, settings: PolicySettings, highLimits: boolean, now: Date = new Date()): string[] {
  const unblocked: Actor = { ...actor, blocked: null };
  const rights = new Set<string>();
  for (const [action, names] of Object.entries(RIGHTS_OF_ACTION) as [Action, readonly string[]][]) {
    if (can(unblocked, action, null, settings, now).allowed) for (const name of names) rights.add(name);
  }
  if (rights.has('edit')) {
    if (can(unblocked, 'edit', { id: 0, protection: { edit: 'autoconfirmed' } }, settings, now).allowed) rights.add('editsemiprotected').add('autoconfirmed');
    if (can(unblocked, 'edit', { id: 0, protection: { edit: 'admin' } }, settings, now).allowed) rights.add('editprotected');
  }
  if (actor.bot === true) rights.add('bot');
  if (highLimits) rights.add('apihighlimits');
  return [...rights];
}
