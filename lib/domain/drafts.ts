/**
 * Drafts that survive a crash: what decides which locally kept draft of an edit is offered back,
 * which are thrown away, and how a restored draft is saved. The browser storage itself is
 * components/edit/draft-store.ts; this module only decides.
 *
 * A draft is kept per page, section and base revision (the revision the text was typed against).
 * Lookup ignores the base revision on purpose: a draft typed against revision 7 must still be
 * offered when the page is at revision 9 by now (that is when it matters most).
 *
 * Pure: no I/O, no clock (callers pass `now`).
 */

/** Every draft's storage key starts with this (the version lets a later format ignore old ones). */
export const DRAFT_KEY_PREFIX = 'wiki-draft:v1:';
/** Typing is kept this long after the last keystroke (a crash loses at most about a second). */
export const DRAFT_SAVE_DELAY_MS = 1000;
/** Drafts older than this are thrown away unasked: by then they are more clutter than rescue. */
export const DRAFT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export interface DraftScope {
  /** The page's title as the form holds it. */
  title: string;
  /** The section being edited (the form's `section` field); '' for the whole page. */
  section: string;
  /** The revision the text was typed against ('' when creating the page). */
  baseRevisionId: string;
}

export interface Draft extends DraftScope {
  text: string;
  summary: string;
  /** When the draft was last kept (milliseconds since the epoch). */
  savedAt: number;
}

/** A stored entry as read back: its key and its text, which may be anything (another version, a hand edit). */
export interface StoredEntry {
  key: string;
  raw: string | null;
}

export function draftKey(scope: DraftScope): string {
  // JSON keeps the three parts apart whatever characters a title holds.
  return DRAFT_KEY_PREFIX + JSON.stringify([scope.title, scope.section, scope.baseRevisionId]);
}

export function isDraftKey(key: string): boolean {
  return key.startsWith(DRAFT_KEY_PREFIX);
}

export function serializeDraft(draft: Draft): string {
  return JSON.stringify(draft);
}

/** The draft stored under `key`, or null when it is not one (unreadable entries are removed, not trusted). */
export function parseDraft(entry: StoredEntry): Draft | null {
  if (!isDraftKey(entry.key) || entry.raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(entry.raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const draft = value as Record<string, unknown>;
  const strings = ['title', 'section', 'baseRevisionId', 'text', 'summary'] as const;
  if (!strings.every((name) => typeof draft[name] === 'string')) return null;
  if (typeof draft.savedAt !== 'number' || !Number.isFinite(draft.savedAt)) return null;
  const parsed = value as Draft;
  // The key must match the content: a draft copied under another page's key is not that page's.
  return draftKey(parsed) === entry.key ? parsed : null;
}

function samePlace(a: DraftScope, b: DraftScope): boolean {
  return a.title === b.title && a.section === b.section;
}

export interface DraftPlan {
  /** The draft to offer back ("Restore your unsaved changes from …?"), if any. */
  offer: Draft | null;
  /** Keys to delete now: unreadable, too old, or already saved (the text is what the form loaded). */
  remove: string[];
}

/**
 * What to do with the stored drafts when the edit form for `scope` opens with `loadedText`.
 * A draft whose text is the loaded text has nothing to restore: its edit was saved (or undone).
 * Of the remaining drafts for this page and section, whatever their base, the newest is offered.
 */
export function planDrafts(entries: StoredEntry[], scope: DraftScope, loadedText: string, now: number): DraftPlan {
  const remove: string[] = [];
  let offer: Draft | null = null;
  for (const entry of entries) {
    if (!isDraftKey(entry.key)) continue;
    const draft = parseDraft(entry);
    if (draft === null || isExpired(draft, now)) {
      remove.push(entry.key);
      continue;
    }
    if (!samePlace(draft, scope)) continue;
    if (draft.text === loadedText) remove.push(entry.key);
    else if (offer === null || draft.savedAt > offer.savedAt) offer = draft;
  }
  return { offer, remove };
}

export function isExpired(draft: Draft, now: number): boolean {
  return now - draft.savedAt > DRAFT_MAX_AGE_MS;
}

/**
 * The keys to delete before keeping a draft for `scope`: its own page and section's drafts under
 * other base revisions (one draft per place, the newest typing wins), and expired ones.
 */
export function supersededKeys(entries: StoredEntry[], scope: DraftScope, now: number): string[] {
  const own = draftKey(scope);
  return entries.flatMap(({ key, raw }) => {
    if (!isDraftKey(key) || key === own) return [];
    const draft = parseDraft({ key, raw });
    return draft === null || isExpired(draft, now) || samePlace(draft, scope) ? [key] : [];
  });
}

/** Whether typing is worth keeping: text or summary differs from what the form loaded. */
export function hasUnsavedChanges(current: { text: string; summary: string }, loaded: { text: string; summary: string }): boolean {
  return current.text !== loaded.text || current.summary !== loaded.summary;
}

/**
 * The base revision a restored draft is saved against: always the draft's own, never the form's.
 * The draft's text was typed against that revision; if the page has changed since, the save then
 * takes the server's three-way merge (base = the draft's revision, theirs = the current text,
 * yours = the draft), which merges what does not overlap and shows the conflict screen for what
 * does. Saving it against the newer revision instead would silently undo the edits made meanwhile.
 */
export function restoredBaseRevisionId(draft: Draft): string {
  return draft.baseRevisionId;
}

/** True when the draft was typed against an older revision than the one the form loaded. */
export function isFromOlderRevision(draft: Draft, formBaseRevisionId: string): boolean {
  return draft.baseRevisionId !== formBaseRevisionId;
}

/** The keys of a page and section's drafts, under any base revision. */
export function keysOfPlace(entries: StoredEntry[], place: Omit<DraftScope, 'baseRevisionId'>): string[] {
  return entries.flatMap(({ key }) => {
    if (!isDraftKey(key)) return [];
    try {
      const [title, section] = JSON.parse(key.slice(DRAFT_KEY_PREFIX.length)) as unknown[];
      return title === place.title && section === place.section ? [key] : [];
    } catch {
      return [];
    }
  });
}
