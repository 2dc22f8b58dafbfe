// The pure rules of notifications (lib/domain/notifications.ts): signatures, added lines, the
// user talk owner, and who a revision notifies (deduplicated, capped, never its own author).
import { describe, expect, it } from 'vitest';
import {
  addedLines,
  isSignedBy,
  MAX_MENTIONS_PER_EDIT,
  MAX_PAGE_LINKED_PER_EDIT,
  revisionNotifications,
  userTalkOwnerKey,
  type RevisionFacts,
  type RevisionLookups,
} from '@/lib/domain/notifications';
import { NS } from '@/lib/domain/titles';
import { editFormValuesOf, undoOfValues } from '@/lib/domain/edit-form';

describe('isSignedBy', () => {
  it('finds a signature linking the user or user talk page, with spaces or underscores', () => {
    expect(isSignedBy('Agreed. [[User:Jane Doe|Jane Doe]] ([[User talk:Jane Doe|talk]])', 'Jane Doe')).toBe(true);
    expect(isSignedBy('Agreed. [[User:Jane_Doe|Jane]]', 'Jane Doe')).toBe(true);
    expect(isSignedBy('Agreed. [[User talk:Jane Doe]]', 'Jane_Doe')).toBe(true);
    expect(isSignedBy('Agreed. [[ user_talk : Jane Doe ]]', 'Jane Doe')).toBe(true);
  });

  it("is not fooled by someone else's link, a longer name, or regex characters in the name", () => {
    expect(isSignedBy('[[User:John Roe|John]]', 'Jane Doe')).toBe(false);
    expect(isSignedBy('[[User:Jane Doetwo|x]]', 'Jane Doe')).toBe(false);
    expect(isSignedBy('[[User:Jane Doe]] wrote this', 'Jane')).toBe(false);
    expect(isSignedBy('[[User:A.B (x)+|me]]', 'A.B (x)+')).toBe(true);
    expect(isSignedBy('[[User:AxB (x)|me]]', 'A.B (x)')).toBe(false);
    expect(isSignedBy('[[User:Dollar$^|me]]', 'Dollar$^')).toBe(true);
    expect(isSignedBy('Plain text mentioning Jane Doe', 'Jane Doe')).toBe(false);
  });
});

describe('addedLines', () => {
  it('keeps the lines of the new text its parent lacks, counting repeated lines', () => {
    expect(addedLines('a\nb\nc', 'a\nb\nc\nd')).toBe('d');
    expect(addedLines('a\nb', 'b\na')).toBe('');
    expect(addedLines('x', 'x\nx\ny')).toBe('x\ny');
    expect(addedLines('', 'first\nsecond')).toBe('first\nsecond');
  });
});

describe('userTalkOwnerKey', () => {
  it("names the owner of a user talk page, not of its subpages or other namespaces' pages", () => {
    expect(userTalkOwnerKey(NS.USER_TALK, 'Jane_Doe')).toBe('Jane_Doe');
    expect(userTalkOwnerKey(NS.USER_TALK, 'Jane_Doe/Archive_1')).toBeNull();
    expect(userTalkOwnerKey(NS.USER, 'Jane_Doe')).toBeNull();
    expect(userTalkOwnerKey(NS.TALK, 'Jane_Doe')).toBeNull();
  });
});

const AUTHOR = { id: 1, name: 'Author Person' };
const SIGNATURE = '[[User:Author Person|Author Person]]';

function facts(overrides: Partial<RevisionFacts>): RevisionFacts {
  return { revisionId: 100, namespace: NS.TALK, title: 'Apples', author: AUTHOR, addedText: '', addedLinks: [], reverted: [], ...overrides };
}

function lookups(users: Record<string, number>, linkedPages: RevisionLookups['linkedPages'] = []): RevisionLookups {
  return { userIdsByKey: new Map(Object.entries(users)), linkedPages };
}

const userLink = (title: string) => ({ namespace: NS.USER, title });
const summary = (drafts: ReturnType<typeof revisionNotifications>) => drafts.map((draft) => `${draft.kind}:${draft.userId}:${draft.eventKey}`);

describe('revisionNotifications', () => {
  it("tells a user talk page's owner, but not when the owner wrote it", () => {
    const users = { Owner: 2, Author_Person: 1 };
    expect(summary(revisionNotifications(facts({ namespace: NS.USER_TALK, title: 'Owner' }), lookups(users)))).toEqual(['edit-user-talk:2:edit-user-talk:100']);
    expect(revisionNotifications(facts({ namespace: NS.USER_TALK, title: 'Author_Person' }), lookups(users))).toEqual([]);
    expect(revisionNotifications(facts({ namespace: NS.USER_TALK, title: 'Owner/Archive' }), lookups(users))).toEqual([]);
  });

  it('mentions users linked in a signed talk comment once each, never the author or the talk page owner again', () => {
    const links = [userLink('Bea'), userLink('Bea'), userLink('Author_Person'), userLink('Owner'), userLink('Nobody'), userLink('Bea/Sub')];
    const drafts = revisionNotifications(
      facts({ namespace: NS.USER_TALK, title: 'Owner', addedText: `Hi [[User:Bea]] ${SIGNATURE}`, addedLinks: links }),
      lookups({ Bea: 3, Author_Person: 1, Owner: 2 }),
    );
    expect(summary(drafts)).toEqual(['edit-user-talk:2:edit-user-talk:100', 'mention:3:mention:100']);
    expect(drafts[1]).toMatchObject({ agentId: 1, revisionId: 100, page: { namespace: NS.USER_TALK, title: 'Owner' } });
  });

  it('mentions nobody from an unsigned comment or from an article', () => {
    const users = lookups({ Bea: 3 });
    expect(revisionNotifications(facts({ addedText: 'Hi [[User:Bea]]', addedLinks: [userLink('Bea')] }), users)).toEqual([]);
    expect(revisionNotifications(facts({ namespace: NS.MAIN, addedText: `Hi [[User:Bea]] ${SIGNATURE}`, addedLinks: [userLink('Bea')] }), users)).toEqual([]);
    expect(revisionNotifications(facts({ namespace: NS.USER, addedText: `Hi [[User:Bea]] ${SIGNATURE}`, addedLinks: [userLink('Bea')] }), users)).toEqual([]);
  });

  it('caps the mentions of one edit', () => {
    const names = Array.from({ length: MAX_MENTIONS_PER_EDIT + 5 }, (_, i) => `User_${i}`);
    const drafts = revisionNotifications(
      facts({ addedText: SIGNATURE, addedLinks: names.map(userLink) }),
      lookups(Object.fromEntries(names.map((name, i) => [name, 10 + i]))),
    );
    expect(drafts).toHaveLength(MAX_MENTIONS_PER_EDIT);
    expect(drafts.every((draft) => draft.kind === 'mention')).toBe(true);
  });

  it('tells each reverted author once, never the reverter', () => {
    const reverted = [
      { userId: 4, revisionId: 90 },
      { userId: 4, revisionId: 91 },
      { userId: 1, revisionId: 92 },
      { userId: 5, revisionId: 93 },
    ];
    const drafts = revisionNotifications(facts({ namespace: NS.MAIN, reverted }), lookups({}));
    expect(summary(drafts)).toEqual(['reverted:4:reverted:100', 'reverted:5:reverted:100']);
    expect(drafts[0]!.params).toEqual({ revertedRevisionId: 90 });
  });

  it('tells creators of linked articles, keyed by linked and linking page, never the author nor for other namespaces', () => {
    const linked = [
      { namespace: NS.MAIN, title: 'Pears', pageId: 7, creatorId: 6 },
      { namespace: NS.MAIN, title: 'Plums', pageId: 8, creatorId: 6 },
      { namespace: NS.MAIN, title: 'Mine', pageId: 9, creatorId: 1 },
      { namespace: NS.USER, title: 'Bea', pageId: 10, creatorId: 3 },
    ];
    const drafts = revisionNotifications(facts({ namespace: NS.MAIN, title: 'Fruit' }), lookups({}, linked));
    expect(summary(drafts)).toEqual(['page-linked:6:page-linked:7:0:Fruit', 'page-linked:6:page-linked:8:0:Fruit']);
    expect(drafts[0]).toMatchObject({ page: { namespace: NS.MAIN, title: 'Pears' }, params: { fromNamespace: NS.MAIN, fromTitle: 'Fruit' } });
  });

  it('caps the linked pages of one edit', () => {
    const linked = Array.from({ length: MAX_PAGE_LINKED_PER_EDIT + 3 }, (_, i) => ({ namespace: NS.MAIN, title: `P${i}`, pageId: i + 1, creatorId: 50 + i }));
    expect(revisionNotifications(facts({ namespace: NS.MAIN }), lookups({}, linked))).toHaveLength(MAX_PAGE_LINKED_PER_EDIT);
  });
});

describe("the edit form's undo fields", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries({ title: 'Apples', content: 'x', ...fields })) data.set(name, value);
    return editFormValuesOf(data);
  };

  it('are read only when the form has them, and name the undone range', () => {
    expect(form({})).not.toHaveProperty('undo');
    expect(undoOfValues(form({}))).toBeNull();
    expect(undoOfValues(form({ undo: '12', undoAfter: '' }))).toEqual({ undoId: 12, undoAfterId: null });
    expect(undoOfValues(form({ undo: '12', undoAfter: '9' }))).toEqual({ undoId: 12, undoAfterId: 9 });
  });

  it('name no undo when they are not revision ids', () => {
    for (const [undo, undoAfter] of [
      ['', ''],
      ['0', ''],
      ['-3', ''],
      ['1e3', ''],
      ['12', 'x'],
      ['99999999999', ''],
      ['12', '2147483648'],
    ]) {
      expect(undoOfValues(form({ undo: undo!, undoAfter: undoAfter! })), `${undo}/${undoAfter}`).toBeNull();
    }
  });
});
