import {
  draftKey,
  isDraftKey,
  keysOfPlace,
  planDrafts,
  serializeDraft,
  supersededKeys,
  type Draft,
  type DraftPlan,
  type DraftScope,
  type StoredEntry,
} from '@/lib/domain/drafts';

/**
 * The browser's side of drafts: localStorage, not IndexedDB. A draft is one page's text (the 31 KiB
 * ECPAT article, at most a few hundred KiB), written about once a second; localStorage's synchronous
 * calls on that size take well under a millisecond and its quota (5 MiB per site in Chromium and
 * Firefox, strings counted as UTF-16) holds one draft per page and section being edited, which is
 * all that is kept (lib/domain/drafts.ts). IndexedDB's asynchronous transactions would add code and
 * ordering questions (a save still pending when the page closes) for no gain at this size.
 *
 * Every call tolerates a missing or full storage (private windows, storage switched off): drafts
 * are a rescue, never a reason for the editor to fail.
 */

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // access itself throws when the browser blocks site data
  }
}

function entries(store: Storage): StoredEntry[] {
  const result: StoredEntry[] = [];
  for (let index = 0; index < store.length; index++) {
    const key = store.key(index);
    if (key !== null && isDraftKey(key)) result.push({ key, raw: store.getItem(key) });
  }
  return result;
}

function removeAll(store: Storage, keys: string[]) {
  for (const key of keys) store.removeItem(key);
}

/** The draft to offer for `scope`, after throwing away expired, unreadable and already saved ones. */
export function takeDraftPlan(scope: DraftScope, loadedText: string, now = Date.now()): DraftPlan {
  const store = storage();
  if (!store) return { offer: null, remove: [] };
  try {
    const plan = planDrafts(entries(store), scope, loadedText, now);
    removeAll(store, plan.remove);
    return plan;
  } catch {
    return { offer: null, remove: [] };
  }
}

/**
 * Keeps `draft`, replacing its page and section's other drafts. When the storage is full, the
 * drafts of other pages make room (the one being typed matters most). False when it could not be kept.
 */
export function keepDraft(draft: Draft): boolean {
  const store = storage();
  if (!store) return false;
  try {
    removeAll(store, supersededKeys(entries(store), draft, draft.savedAt));
    store.setItem(draftKey(draft), serializeDraft(draft));
    return true;
  } catch {
    try {
      removeAll(
        store,
        entries(store).map(({ key }) => key),
      );
      store.setItem(draftKey(draft), serializeDraft(draft));
      return true;
    } catch {
      return false; // larger than the whole quota, or storage gone
    }
  }
}

/** Forgets the drafts of `scope`'s page and section (under any base revision). */
export function dropDrafts(scope: Omit<DraftScope, 'baseRevisionId'>): void {
  const store = storage();
  if (!store) return;
  try {
    removeAll(store, keysOfPlace(entries(store), scope));
  } catch {
    // storage gone meanwhile: nothing to forget
  }
}
