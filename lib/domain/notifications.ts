/**
 * Notifications as MediaWiki's Echo has them (docs/notifications.md): which events notify whom,
 * worked out from plain facts, without I/O.
 *
 * Every notification carries an `eventKey` naming its event; stored unique per recipient, it makes
 * delivery exactly-once however often the job that found it runs.
 *
 * Pure: no I/O.
 */
import { NS } from '@/lib/domain/titles';
import type { Preferences } from '@/lib/domain/preferences';

export const NOTIFICATION_KINDS = [
  /** Someone wrote on your user talk page (Echo's edit-user-talk). */
  'edit-user-talk',
  /** Someone linked your user page in a signed talk-page comment (mention). */
  'mention',
  /** Your edit was reverted or undone (reverted). */
  'reverted',
  /** Someone thanked you for an edit (edit-thank). */
  'thank',
  /** A page you created was linked from another page (page-linked). */
  'page-linked',
  /** Your user groups changed (user-rights). */
  'user-rights',
  /** You were blocked, or your block changed (blocked). */
  'blocked',
  /** You were unblocked (unblocked). */
  'unblocked',
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** The preference that switches each kind on or off (Special:Preferences, "Notifications"). */
export const NOTIFICATION_PREFERENCE = {
  'edit-user-talk': 'notifyUserTalk',
  mention: 'notifyMention',
  reverted: 'notifyReverted',
  thank: 'notifyThanks',
  'page-linked': 'notifyPageLinked',
  'user-rights': 'notifyRights',
  blocked: 'notifyBlocks',
  unblocked: 'notifyBlocks',
} as const satisfies Record<NotificationKind, keyof Preferences>;

/** Whether a recipient with these preferences wants this kind on the web. */
export function wantsNotification(preferences: Preferences, kind: NotificationKind): boolean {
  return preferences[NOTIFICATION_PREFERENCE[kind]];
}

/** A notification to store: who gets it, what happened, and the event's unique key. */
export interface NotificationDraft {
  userId: number;
  kind: NotificationKind;
  /** Who caused it; null for the wiki itself. */
  agentId: number | null;
  /** The page it is about (namespace id, database key), if any. */
  page: { namespace: number; title: string } | null;
  revisionId: number | null;
  /** What the message needs beyond the page and agent: a reason, the groups added… (JSON). */
  params: Record<string, string | number | boolean | string[] | null>;
  eventKey: string;
}

/** At most this many pages' creators are told of new links by one edit (Echo bundles the rest away). */
export const MAX_PAGE_LINKED_PER_EDIT = 10;
/** At most this many users are mentioned by one edit (Echo's $wgEchoMaxMentionsCount is 50; a fan wiki needs fewer). */
export const MAX_MENTIONS_PER_EDIT = 20;

/** What a new revision's worker knows about it (lib/server/notifications/revision-events.ts). */
export interface RevisionFacts {
  revisionId: number;
  namespace: number;
  /** The page's database key ("Jane_Doe"). */
  title: string;
  author: { id: number; name: string };
  /** The lines this revision added to its parent's text (all of it for a page's first revision). */
  addedText: string;
  /** Wikilink targets the revision has and its parent had not. */
  addedLinks: readonly { namespace: number; title: string }[];
  /** Authors of revisions this one reverted or undid (rollback, undo, restore), with the revision they made last. */
  reverted: readonly { userId: number; revisionId: number }[];
}

/** What the worker looked up for the facts: accounts by user-page key, and the creators of linked pages. */
export interface RevisionLookups {
  /** users by the database key of their user page ("Jane_Doe" → 7); unknown names are absent. */
  userIdsByKey: ReadonlyMap<string, number>;
  /** For each added link to an existing page: the page's id and the user who created it. */
  linkedPages: readonly { namespace: number; title: string; pageId: number; creatorId: number }[];
}

/** The database key of a user name ("Jane Doe" → "Jane_Doe"), as user pages are stored. */
export function userKey(name: string): string {
  return name.replaceAll(' ', '_');
}

/**
 * Whether `addedText` carries the author's signature (a link to their user or user talk page):
 * Echo notifies mentions only from signed comments, so editing a page that happens to contain
 * user links mentions nobody.
 */
export function isSignedBy(addedText: string, authorName: string): boolean {
  const name = authorName.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/[ _]/gu, '[ _]');
  return new RegExp(`\\[\\[\\s*(?:User|User[ _]talk)\\s*:\\s*${name}\\s*(?:\\||\\]\\])`, 'iu').test(addedText);
}

/** The user talk page's owner key, when the page is someone's user talk page (not a subpage). */
export function userTalkOwnerKey(namespace: number, title: string): string | null {
  return namespace === NS.USER_TALK && !title.includes('/') ? title : null;
}

/** The notifications a new revision causes, each recipient once per kind, never its own author. */
export function revisionNotifications(facts: RevisionFacts, lookups: RevisionLookups): NotificationDraft[] {
  const drafts: NotificationDraft[] = [];
  const page = { namespace: facts.namespace, title: facts.title };
  const add = (userId: number | undefined, kind: NotificationKind, eventKey: string, params: NotificationDraft['params'] = {}, draftPage = page) => {
    if (userId === undefined || userId === facts.author.id) return;
    if (drafts.some((draft) => draft.userId === userId && draft.kind === kind)) return;
    drafts.push({ userId, kind, agentId: facts.author.id, page: draftPage, revisionId: facts.revisionId, params, eventKey });
  };

  const ownerKey = userTalkOwnerKey(facts.namespace, facts.title);
  const owner = ownerKey === null ? undefined : lookups.userIdsByKey.get(ownerKey);
  add(owner, 'edit-user-talk', `edit-user-talk:${facts.revisionId}`);

  // Mentions: links to user pages added in a signed comment on a talk page. The talk page's owner
  // already has edit-user-talk for it.
  if (facts.namespace > 0 && facts.namespace % 2 === 1 && isSignedBy(facts.addedText, facts.author.name)) {
    const mentioned = facts.addedLinks.filter((link) => link.namespace === NS.USER && !link.title.includes('/')).slice(0, MAX_MENTIONS_PER_EDIT);
    for (const link of mentioned) {
      const userId = lookups.userIdsByKey.get(link.title);
      if (userId !== undefined && userId !== owner) add(userId, 'mention', `mention:${facts.revisionId}`);
    }
  }

  for (const { userId, revisionId } of facts.reverted) add(userId, 'reverted', `reverted:${facts.revisionId}`, { revertedRevisionId: revisionId });

  // page-linked: once per (linked page, linking page) ever, as Echo, however often the link comes and goes.
  for (const linked of lookups.linkedPages.slice(0, MAX_PAGE_LINKED_PER_EDIT)) {
    if (linked.namespace !== NS.MAIN) continue;
    const eventKey = `page-linked:${linked.pageId}:${facts.namespace}:${facts.title}`;
    if (linked.creatorId === facts.author.id || drafts.some((draft) => draft.eventKey === eventKey && draft.userId === linked.creatorId)) continue;
    drafts.push({
      userId: linked.creatorId,
      kind: 'page-linked',
      agentId: facts.author.id,
      page: { namespace: linked.namespace, title: linked.title },
      revisionId: facts.revisionId,
      params: { fromNamespace: facts.namespace, fromTitle: facts.title },
      eventKey,
    });
  }
  return drafts;
}

/** Lines of `text` not among `parent`'s lines (a multiset difference): what an edit added, for mention detection. */
export function addedLines(parent: string, text: string): string {
  const remaining = new Map<string, number>();
  for (const line of parent.split('\n')) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const added: string[] = [];
  for (const line of text.split('\n')) {
    const left = remaining.get(line) ?? 0;
    if (left > 0) remaining.set(line, left - 1);
    else added.push(line);
  }
  return added.join('\n');
}
