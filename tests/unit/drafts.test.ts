import { describe, expect, it } from 'vitest';
import {
  DRAFT_MAX_AGE_MS,
  draftKey,
  hasUnsavedChanges,
  isFromOlderRevision,
  keysOfPlace,
  parseDraft,
  planDrafts,
  restoredBaseRevisionId,
  serializeDraft,
  supersededKeys,
  type Draft,
  type StoredEntry,
} from '@/lib/domain/drafts';

const NOW = Date.UTC(2026, 11, 5, 12, 0);
const MINUTE = 60_000;

function draft(overrides: Partial<Draft> = {}): Draft {
  return { title: 'ECPAT', section: '', baseRevisionId: '9', text: 'My edit', summary: 'typo', savedAt: NOW - MINUTE, ...overrides };
}

function stored(...drafts: Draft[]): StoredEntry[] {
  return drafts.map((d) => ({ key: draftKey(d), raw: serializeDraft(d) }));
}

const scope = { title: 'ECPAT', section: '', baseRevisionId: '9' };

describe('draft keys', () => {
  it('keep page, section and base revision apart, whatever the title holds', () => {
    const keys = new Set([
      draftKey({ title: 'A|B', section: '', baseRevisionId: '1' }),
      draftKey({ title: 'A', section: 'B|', baseRevisionId: '1' }),
      draftKey({ title: 'A', section: '', baseRevisionId: '2' }),
      draftKey({ title: 'A', section: '2', baseRevisionId: '1' }),
    ]);
    expect(keys.size).toBe(4);
  });

  it('read back only well-formed drafts stored under their own key', () => {
    const good = draft();
    expect(parseDraft({ key: draftKey(good), raw: serializeDraft(good) })).toEqual(good);
    expect(parseDraft({ key: draftKey(good), raw: '{not json' })).toBeNull();
    expect(parseDraft({ key: draftKey(good), raw: JSON.stringify({ ...good, savedAt: 'yesterday' }) })).toBeNull();
    expect(parseDraft({ key: draftKey(good), raw: JSON.stringify({ ...good, text: 42 }) })).toBeNull();
    expect(parseDraft({ key: draftKey({ ...good, title: 'Other' }), raw: serializeDraft(good) })).toBeNull();
    expect(parseDraft({ key: 'theme', raw: serializeDraft(good) })).toBeNull();
  });
});

describe('planDrafts: what the edit form offers when it opens', () => {
  it('offers the draft of this page and section', () => {
    const plan = planDrafts(stored(draft()), scope, 'Saved text', NOW);
    expect(plan.offer?.text).toBe('My edit');
    expect(plan.remove).toEqual([]);
  });

  it('offers a draft typed against an older revision too, and the newest of several', () => {
    const older = draft({ baseRevisionId: '7', text: 'older edit', savedAt: NOW - 10 * MINUTE });
    const newer = draft({ baseRevisionId: '8', text: 'newer edit', savedAt: NOW - 2 * MINUTE });
    expect(planDrafts(stored(older, newer), scope, 'Saved text', NOW).offer?.text).toBe('newer edit');
    expect(planDrafts(stored(newer, older), scope, 'Saved text', NOW).offer?.text).toBe('newer edit');
  });

  it('ignores other pages and other sections, and entries that are not drafts', () => {
    const entries = [...stored(draft({ title: 'Telefono Azzurro' }), draft({ section: '2' })), { key: 'theme', raw: 'dark' }];
    expect(planDrafts(entries, scope, 'Saved text', NOW)).toEqual({ offer: null, remove: [] });
    expect(planDrafts(entries, { ...scope, section: '2' }, 'Saved text', NOW).offer?.section).toBe('2');
  });

  it('removes a draft whose text is what the form loaded: its edit was saved', () => {
    const saved = draft({ text: 'Saved text' });
    expect(planDrafts(stored(saved), scope, 'Saved text', NOW)).toEqual({ offer: null, remove: [draftKey(saved)] });
  });

  it('prunes drafts older than 30 days, of any page, and unreadable ones', () => {
    const old = draft({ title: 'Elsewhere', savedAt: NOW - DRAFT_MAX_AGE_MS - 1 });
    const edge = draft({ savedAt: NOW - DRAFT_MAX_AGE_MS });
    const broken = { key: draftKey({ title: 'Broken', section: '', baseRevisionId: '' }), raw: '{' };
    const plan = planDrafts([...stored(old, edge), broken], scope, 'Saved text', NOW);
    expect(plan.remove.sort()).toEqual([draftKey(old), broken.key].sort());
    expect(plan.offer).toEqual(edge);
  });
});

describe('keeping and forgetting drafts', () => {
  it('a new draft replaces its page and section’s drafts under other base revisions, and expired ones', () => {
    const sameOlderBase = draft({ baseRevisionId: '7' });
    const otherSection = draft({ section: '1' });
    const expired = draft({ title: 'Elsewhere', savedAt: NOW - DRAFT_MAX_AGE_MS - 1 });
    const own = draft();
    const keys = supersededKeys(stored(sameOlderBase, otherSection, expired, own), scope, NOW);
    expect(keys.sort()).toEqual([draftKey(sameOlderBase), draftKey(expired)].sort());
  });

  it('finds a page and section’s drafts under any base revision', () => {
    const a = draft({ baseRevisionId: '7' });
    const b = draft({ baseRevisionId: '' });
    expect(keysOfPlace(stored(a, b, draft({ section: '3' })), { title: 'ECPAT', section: '' }).sort()).toEqual([draftKey(a), draftKey(b)].sort());
  });

  it('counts the text or the summary as unsaved changes', () => {
    const loaded = { text: 'a', summary: '' };
    expect(hasUnsavedChanges({ text: 'a', summary: '' }, loaded)).toBe(false);
    expect(hasUnsavedChanges({ text: 'ab', summary: '' }, loaded)).toBe(true);
    expect(hasUnsavedChanges({ text: 'a', summary: 'why' }, loaded)).toBe(true);
  });
});

describe('restoring a draft from an older revision', () => {
  it('saves it against the revision it was typed on, so the server merges instead of overwriting', () => {
    const old = draft({ baseRevisionId: '7' });
    expect(restoredBaseRevisionId(old)).toBe('7');
    expect(isFromOlderRevision(old, '9')).toBe(true);
    expect(isFromOlderRevision(draft(), '9')).toBe(false);
  });
});
