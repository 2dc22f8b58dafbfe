import 'server-only';
import { watchStateForVisit } from '@/lib/server/watchlist';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { discussionTabsFor, getEditableSource } from '@/lib/server/pages';
import { prepareUndo } from '@/lib/server/revert';
import { getPageProtection } from '@/lib/server/protection';
import { getDeletionNotice } from '@/lib/server/deletion';
import { scriptNonce } from '@/lib/server/script-nonce';
import { isAppError } from '@/lib/domain/errors';
import type { ErrorText } from '@/lib/domain/error-messages';
import { can, type Decision } from '@/lib/domain/policy';
import { pageAccess, pageContext, type PageAccess, type Restriction } from '@/lib/domain/protection';
import type { DiscussionTabs } from '@/lib/domain/talk';
import type { DeletionNotice } from '@/lib/domain/deletion';
import type { ParsedTitle } from '@/lib/domain/titles';
import { sectionNumber } from '@/lib/domain/schemas';
import { findSection, sectionText } from '@/lib/domain/sections';
import type { SectionHeading } from '@/lib/domain/markdown';
import { sectionHeadings } from '@/lib/server/section-headings';
import { sectionSummary } from '@/lib/domain/autocomment';
import { templatesUsedOnPage } from '@/lib/server/template-lists';
import type { TemplateUsage } from '@/lib/domain/template-usage';

/** Undo of a revision (`?undo=<id>&undoafter=<id>`), as the edit URL asks for it. */
export interface UndoRequest {
  undoId: number;
  undoAfterId: number | null;
}

interface EditScreenBase {
  /** The page has text (editing) or not (creating). */
  exists: boolean;
  access: PageAccess;
  discussion: DiscussionTabs | null;
  /** "Templates used on this page": what the saved page transcludes (template_links). */
  templates: TemplateUsage[];
}

export type EditScreen =
  | (EditScreenBase & {
      kind: 'denied';
      decision: Exclude<Decision, { allowed: true }>;
      /** The edit protection that refused, when that is the reason. */
      restriction: Restriction | null;
      /** The current text, shown read-only (View source); null for a missing page. */
      source: string | null;
    })
  /** ?section= names no section of the page (not a number, or past its last section). */
  | (EditScreenBase & { kind: 'bad-section'; requested: string })
  | (EditScreenBase & {
      kind: 'form';
      /** The section being edited (?section=N), null for the whole page. */
      section: { index: number; title: string } | null;
      /** MediaWiki warns before a deleted page is written again, with the deletion's who, when and why. */
      deletion: DeletionNotice | null;
      /** How an asked-for undo went: ready to save, in conflict with later edits, or impossible. */
      undo: { status: 'ready' } | { status: 'conflict'; text: ErrorText } | { status: 'failed'; text: ErrorText } | null;
      initial: { title: string; content: string; summary: string; minor: boolean; baseRevisionId: string; section: string; undo?: string; undoAfter?: string };
      /** This response's script nonce, for the form's inline script (components/KeepEarlyTyping.tsx). */
      nonce: string | undefined;
    });

/** /wiki/<Title>?action=edit: the edit form with its starting values, or why the reader cannot edit. */
export async function loadEditScreen(title: ParsedTitle, undo: UndoRequest | undefined, requestedSection?: string): Promise<EditScreen> {
  const [source, actor, discussion] = await Promise.all([getEditableSource(title), getActor(), discussionTabsFor(title)]);
  const pageId = source?.pageId ?? null;
  const [protection, templates] = pageId === null ? [{}, []] : await Promise.all([getPageProtection(pageId), templatesUsedOnPage(pageId)]);
  const decision = can(actor, source ? 'edit' : 'create', pageContext(pageId, protection), policySettings());
  const access = { ...pageAccess(actor, pageId, protection, policySettings()), watch: await watchStateForVisit(actor, title, null) };
  const base = { exists: source !== null, access, discussion, templates };
  if (!decision.allowed) {
    const restriction = decision.reason === 'protected' ? (protection.edit ?? null) : null;
    return { ...base, kind: 'denied', decision, restriction, source: source?.text ?? null };
  }
  // MediaWiki's section=N (section=new is Add topic, routed before this screen); an undo edits the whole page.
  let section: { index: number; title: string } | null = null;
  let headings: SectionHeading[] = [];
  if (requestedSection !== undefined && requestedSection !== '' && !undo) {
    const parsed = sectionNumber.safeParse(requestedSection);
    headings = source ? await sectionHeadings(source.text) : [];
    const found = parsed.success && parsed.data !== null && source ? findSection(source.text, parsed.data, headings) : null;
    if (!found) return { ...base, kind: 'bad-section', requested: requestedSection };
    section = { index: found.index, title: found.title };
  }
  let screenUndo: Extract<EditScreen, { kind: 'form' }>['undo'] = null;
  let prepared = null;
  if (undo && source) {
    try {
      prepared = await prepareUndo(title, undo.undoId, undo.undoAfterId, actor);
      screenUndo = prepared.clean ? { status: 'ready' } : { status: 'conflict', text: prepared.text };
    } catch (error) {
      if (!isAppError(error)) throw error;
      screenUndo = { status: 'failed', text: error.text };
    }
  }
  const [deletion, nonce] = await Promise.all([source ? null : getDeletionNotice(title, actor), scriptNonce()]);
  return {
    ...base,
    kind: 'form',
    deletion,
    undo: screenUndo,
    nonce,
    section,
    initial: {
      title: title.prefixedText,
      content:
        section && source
          ? (sectionText(source.text, section.index, headings) ?? '')
          : prepared
            ? prepared.clean
              ? prepared.text
              : prepared.currentText
            : (source?.text ?? ''),
      summary: section ? sectionSummary(section.title) : prepared?.clean ? prepared.summary : '',
      section: section ? String(section.index) : '',
      minor: false,
      baseRevisionId: prepared ? String(prepared.baseRevisionId) : source ? String(source.revisionId) : '',
      // Saved with the form, so the undone revisions' authors are told (reverted).
      ...(prepared && undo ? { undo: String(undo.undoId), undoAfter: undo.undoAfterId === null ? '' : String(undo.undoAfterId) } : {}),
    },
  };
}
