// action=query's pure parts: MediaWiki's continuation rules, groups and rights in MediaWiki's
// names, one revision's answer with hidden parts, and siteinfo's namespaces.
import { describe, expect, it } from 'vitest';
import { continuationOf, parseContinue } from '@/lib/domain/action-api/continuation';
import { ApiError } from '@/lib/domain/action-api/errors';
import { revisionObject, type RevisionFacts } from '@/lib/domain/action-api/revision-object';
import { namespacesInfo } from '@/lib/domain/action-api/siteinfo';
import { mediaWikiGroups, mediaWikiRights } from '@/lib/domain/action-api/user-groups';
import { ANONYMOUS, DEFAULT_POLICY_SETTINGS, type Actor } from '@/lib/domain/policy';
import { revisionMarks } from '@/lib/domain/visibility';

describe('continuation', () => {
  const base = { modules: ['revisions', 'allpages', 'tokens'], propModules: new Set(['revisions']), generatorParams: {} };

  it('reads "continue" as MediaWiki: generator params, then the finished modules', () => {
    expect(parseContinue(undefined)).toEqual({ skip: new Set(), generatorDone: false, generatorParamNames: [] });
    expect(parseContinue('gapcontinue||tokens|info')).toEqual({ skip: new Set(['tokens', 'info']), generatorDone: false, generatorParamNames: ['gapcontinue'] });
    expect(parseContinue('-||').generatorDone).toBe(true);
    expect(() => parseContinue('nonsense')).toThrow(ApiError);
  });

  it('is complete with nothing to continue', () => {
    expect(continuationOf({ ...base, moduleContinue: new Map() })).toEqual({ batchcomplete: true });
  });

  it('continues a list alone with "-||" and the finished modules, the batch being complete', () => {
    const result = continuationOf({ ...base, moduleContinue: new Map([['allpages', { apcontinue: 'B' }]]) });
    expect(result).toEqual({ continue: { apcontinue: 'B', continue: '-||revisions|tokens' }, batchcomplete: true });
  });

  it('keeps the batch incomplete while a prop module continues, repeating the generator params', () => {
    const result = continuationOf({
      ...base,
      moduleContinue: new Map([['revisions', { rvcontinue: '5' }]]),
      generatorContinue: { gapcontinue: 'C' },
      generatorParams: { gapcontinue: 'B' },
    });
    expect(result).toEqual({ continue: { rvcontinue: '5', gapcontinue: 'B', continue: 'gapcontinue||allpages|tokens' }, batchcomplete: false });
  });

  it('moves the generator on once prop modules are done, restarting them', () => {
    const result = continuationOf({ ...base, moduleContinue: new Map(), generatorContinue: { gapcontinue: 'C' } });
    expect(result).toEqual({ continue: { gapcontinue: 'C', continue: 'gapcontinue||allpages|tokens' }, batchcomplete: true });
  });
});

describe('groups and rights', () => {
  const user: Actor = { userId: 3, name: 'U', role: 'registered', createdAt: new Date(0), editCount: 0, blocked: null };
  const now = new Date('2026-12-07T00:00:00Z');

  it('names groups as MediaWiki', () => {
    expect(mediaWikiGroups(ANONYMOUS, now)).toEqual(['*']);
    expect(mediaWikiGroups(user, now)).toEqual(['*', 'user']);
    expect(mediaWikiGroups({ ...user, editCount: 20 }, now)).toEqual(['*', 'user', 'autoconfirmed']);
    expect(mediaWikiGroups({ ...user, role: 'admin', bot: true }, now)).toEqual(['*', 'user', 'autoconfirmed', 'sysop', 'bot']);
  });

  it('gives the rights of the table, narrowed by grants and not by blocks', () => {
    const rights = mediaWikiRights({ ...user, blocked: { reason: '', expiresAt: null, sitewide: true, pageIds: [] } }, DEFAULT_POLICY_SETTINGS, false, now);
    expect(rights).toEqual(expect.arrayContaining(['read', 'edit', 'createpage', 'move', 'upload', 'writeapi']));
    expect(rights).not.toContain('delete');
    const granted = mediaWikiRights({ ...user, grants: new Set(['read', 'edit', 'create'] as const) }, DEFAULT_POLICY_SETTINGS, false, now);
    expect(granted).toContain('edit');
    expect(granted).not.toContain('move');
    // Managing bot passwords is the account's own business: no bot password session has it.
    expect(mediaWikiRights(user, DEFAULT_POLICY_SETTINGS, false, now)).toContain('editmyprivateinfo');
    expect(granted).not.toContain('editmyprivateinfo');
    expect(mediaWikiRights(ANONYMOUS, { anonymousEditing: true }, false, now)).toContain('edit');
    expect(mediaWikiRights({ ...user, bot: true }, DEFAULT_POLICY_SETTINGS, true, now)).toEqual(expect.arrayContaining(['bot', 'apihighlimits']));
  });
});

describe('a revision in the answer', () => {
  const revision: RevisionFacts = {
    id: 9,
    parentId: null,
    minor: true,
    author: { id: 4, name: '198.51.100.7' },
    createdAt: new Date('2026-12-07T01:02:03.456Z'),
    size: 5,
    sha1: 'a'.repeat(40),
    summary: '<b>',
    text: 'Hello',
    reverted: true,
  };
  const all = new Set(['ids', 'flags', 'user', 'userid', 'timestamp', 'size', 'sha1', 'comment', 'parsedcomment', 'tags', 'content']);

  it('marks anonymous authors and escapes parsedcomment', () => {
    expect(revisionObject(revision, all, true)).toEqual({
      revid: 9,
      parentid: 0,
      minor: true,
      user: '198.51.100.7',
      userid: 0,
      anon: true,
      timestamp: '2026-12-07T01:02:03Z',
      size: 5,
      sha1: 'a'.repeat(40),
      comment: '<b>',
      parsedcomment: '&lt;b&gt;',
      tags: ['mw-reverted'],
      slots: { main: { contentmodel: 'markdown', contentformat: 'text/markdown', content: 'Hello' } },
    });
  });

  it('flags hidden parts and leaves out what is withheld', () => {
    const visibility = revisionMarks({ hidden: 7, archived: false }, false)!;
    const out = revisionObject({ ...revision, visibility, text: null }, all, false);
    expect(out).toEqual({
      revid: 9,
      parentid: 0,
      minor: true,
      userhidden: true,
      timestamp: '2026-12-07T01:02:03Z',
      size: 5,
      sha1hidden: true,
      commenthidden: true,
      tags: ['mw-reverted'],
      texthidden: true,
      contentmodel: 'markdown',
      contentformat: 'text/markdown',
    });
  });
});

describe('siteinfo namespaces', () => {
  it('keys namespaces by id with MediaWiki’s members', () => {
    const namespaces = namespacesInfo();
    expect(namespaces['0']).toEqual({ id: 0, case: 'first-letter', name: '', subpages: false, content: true, nonincludable: false });
    expect(namespaces['14']).toMatchObject({ name: 'Category', canonical: 'Category', content: false });
  });
});
