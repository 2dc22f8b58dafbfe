/**
 * One revision as prop=revisions answers it (MediaWiki's ApiQueryRevisionsBase::extractRevisionInfo),
 * formatversion=2 shape: what was hidden is flagged (texthidden, commenthidden, userhidden,
 * sha1hidden) and what this viewer may not see is left out, as MediaWiki does for rev_deleted.
 *
 * Pure: no I/O.
 */
import { looksLikeIpAddress } from '@/lib/domain/accounts';
import { apiTimestamp } from '@/lib/domain/action-api/result';
import { CONTENT_FORMAT, CONTENT_MODEL } from '@/lib/domain/action-api/siteinfo';
import type { RevisionMarks } from '@/lib/domain/visibility';

export const REVISION_PROPS = [
  'ids',
  'flags',
  'timestamp',
  'user',
  'userid',
  'size',
  'slotsize',
  'sha1',
  'slotsha1',
  'contentmodel',
  'comment',
  'parsedcomment',
  'content',
  'tags',
  'roles',
] as const;
export type RevisionProp = (typeof REVISION_PROPS)[number];

/** MediaWiki's default rvprop. */
export const DEFAULT_REVISION_PROPS: readonly RevisionProp[] = ['ids', 'timestamp', 'flags', 'comment', 'user'];

export interface RevisionFacts {
  id: number;
  parentId: number | null;
  minor: boolean;
  /** As the viewer may see it: id 0 when withheld. */
  author: { id: number; name: string };
  createdAt: Date;
  size: number;
  sha1: string;
  summary: string;
  /** Null when not loaded or withheld from this viewer. */
  text: string | null;
  reverted: boolean;
  visibility?: RevisionMarks;
}

/** parsedcomment without a wikitext parser: the summary as safe HTML text. */
export function commentHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** `slots`: the answer uses rvslots' shape (content under slots.main) instead of the legacy one. */
export function revisionObject(revision: RevisionFacts, props: ReadonlySet<string>, slots: boolean): Record<string, unknown> {
  const hidden = revision.visibility?.hidden;
  const withheld = revision.visibility?.withheld;
  const out: Record<string, unknown> = {};
  if (props.has('ids')) Object.assign(out, { revid: revision.id, parentid: revision.parentId ?? 0 });
  if (props.has('flags')) out.minor = revision.minor;
  if (props.has('user') || props.has('userid')) {
    if (hidden?.author) out.userhidden = true;
    if (!withheld?.author) {
      if (props.has('user')) out.user = revision.author.name;
      if (props.has('userid')) out.userid = looksLikeIpAddress(revision.author.name) ? 0 : revision.author.id;
      if (looksLikeIpAddress(revision.author.name)) out.anon = true;
    }
  }
  if (props.has('timestamp')) out.timestamp = apiTimestamp(revision.createdAt);
  if (props.has('size')) out.size = revision.size;
  if (props.has('sha1')) {
    if (hidden?.text) out.sha1hidden = true;
    if (!withheld?.text) out.sha1 = revision.sha1;
  }
  if (props.has('comment') || props.has('parsedcomment')) {
    if (hidden?.summary) out.commenthidden = true;
    if (!withheld?.summary) {
      if (props.has('comment')) out.comment = revision.summary;
      if (props.has('parsedcomment')) out.parsedcomment = commentHtml(revision.summary);
    }
  }
  if (props.has('tags')) out.tags = revision.reverted ? ['mw-reverted'] : [];
  if (hidden?.text && (props.has('content') || slots)) out.texthidden = true;
  const slot = slotObject(revision, props, slots);
  if (slots) {
    if (Object.keys(slot).length > 0) out.slots = { main: slot };
  } else {
    Object.assign(out, slot);
  }
  return out;
}

function slotObject(revision: RevisionFacts, props: ReadonlySet<string>, slots: boolean): Record<string, unknown> {
  const slot: Record<string, unknown> = {};
  const withheld = revision.visibility?.withheld.text === true;
  if (slots && props.has('roles')) slot.role = 'main';
  if (slots && props.has('slotsize')) slot.size = revision.size;
  if (slots && props.has('slotsha1')) {
    if (revision.visibility?.hidden.text) slot.sha1hidden = true;
    if (!withheld) slot.sha1 = revision.sha1;
  }
  if (props.has('contentmodel') || props.has('content')) slot.contentmodel = CONTENT_MODEL;
  if (props.has('content')) {
    slot.contentformat = CONTENT_FORMAT;
    if (withheld || revision.text === null) slot.texthidden = true;
    else slot.content = revision.text;
  }
  return slot;
}
