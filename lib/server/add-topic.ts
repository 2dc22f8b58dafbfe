import 'server-only';
import { getDb } from '@/lib/server/db';
import { savePage, type SavePageResult } from '@/lib/server/save-page';
import { anonymousAuthorId } from '@/lib/server/users';
import { consume, editLimitFor } from '@/lib/server/throttle';
import { assertCanOnPage, editAuthorizer } from '@/lib/server/protection';
import { AppError, isAppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import type { Actor } from '@/lib/domain/policy';
import { expandSignatures, hasSignature } from '@/lib/domain/signatures';
import type { ParsedTitle } from '@/lib/domain/titles';

export interface NewTopic {
  title: ParsedTitle;
  subject: string;
  content: string;
  /** The edit summary instead of Add topic's own (the Action API's `summary` beside `sectiontitle`). */
  summary?: string;
  /** Ask for the bot mark (the Action API's `bot`): granted only when the actor's account is a bot. */
  bot?: boolean;
  /**
   * Sign the message when it is not signed yet (the web form and REST, default). The Action API
   * passes false: MediaWiki's action=edit&section=new saves the text as sent, and bots sign (or
   * not) themselves.
   */
  sign?: boolean;
}

/** The section a new topic appends: "## Subject\n\ncontent ~~~~" (signed unless already signed, or `sign` is false). */
export function newTopicSection(subject: string, content: string, sign = true): string {
  const body = content.trim();
  const signed = !sign || hasSignature(body) ? body : `${body}${body === '' ? '' : ' '}~~~~`;
  return subject.trim() === '' ? signed : `## ${subject.trim()}\n\n${signed}`;
}

/** Appends a section to whatever text the page has; an empty page gets the section alone. */
export function appendSection(current: string, section: string): string {
  const trimmed = current.replace(/\s+$/u, '');
  return trimmed === '' ? section : `${trimmed}\n\n${section}`;
}

/**
 * MediaWiki's section=new: the new topic is appended to the page's *current* text under the save
 * lock (savePage's merge hook), so it never conflicts with an edit saved meanwhile.
 */
export async function addTopic(actor: Actor, topic: NewTopic, clientIp: string): Promise<SavePageResult> {
  const subject = topic.subject.trim();
  if (subject.includes('\n')) throw new AppError('VALIDATION', errorMessage('talk.subjectOneLine'));
  if (subject === '' && topic.content.trim() === '') throw new AppError('VALIDATION', errorMessage('talk.empty'));

  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: topic.title.namespace, title: topic.title.dbKey } },
    select: { id: true, latestRevision: { select: { id: true, content: { select: { text: true } } } } },
  });
  await assertCanOnPage(actor, page ? 'edit' : 'create', page?.id ?? null);
  await consume(editLimitFor(actor), actor.userId === null ? `ip:${clientIp}` : `user:${actor.userId}`);
  const authorId = actor.userId ?? (await anonymousAuthorId(clientIp));

  const signer = actor.name !== null ? { name: actor.name } : { name: clientIp, anonymous: true };
  const section = expandSignatures(newTopicSection(subject, topic.content, topic.sign !== false), signer);
  const current = page?.latestRevision?.content.text ?? '';
  const save = (base: number | null, text: string) =>
    savePage({
      title: topic.title,
      text,
      summary: topic.summary ?? (subject === '' ? 'New section' : `/* ${subject} */ new section`.slice(0, 500)),
      minor: false,
      authorId,
      baseRevisionId: base,
      authorize: editAuthorizer(actor),
      bot: topic.bot === true && actor.bot === true,
      merge: (latest) => appendSection(latest, section),
    });
  try {
    return await save(page?.latestRevision?.id ?? null, appendSection(current, section));
  } catch (error) {
    // Only possible when someone created the page between our read and our insert: the page now
    // exists, so a second attempt appends under the lock.
    if (page || !isAppError(error) || error.code !== 'EDIT_CONFLICT') throw error;
    return save(-1, section);
  }
}
