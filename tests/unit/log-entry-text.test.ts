import { describe, expect, it } from 'vitest';
import { describeLogEntry, logEntryPlainText, type LogEntryRow } from '@/lib/domain/log-entry-text';
import { LOG_ACTIONS, type LogType } from '@/lib/domain/log';
import { parseTitle } from '@/lib/domain/titles';

const admin = { id: 1, name: 'Admin' };

function entry(type: string, action: string, title: string, params: Record<string, unknown> = {}, performer: LogEntryRow['performer'] = admin): LogEntryRow {
  return { id: 1, type, action, createdAt: new Date('2026-11-28T12:00:00Z'), performer, title: parseTitle(title), comment: 'because', params };
}

const text = (e: LogEntryRow) => logEntryPlainText(e);

describe('log entry sentences', () => {
  it('describes moves, with and without a redirect left behind', () => {
    expect(text(entry('move', 'move', 'A', { target: 'B' }))).toBe('Admin moved page A to B');
    expect(text(entry('move', 'move_noredirect', 'A', { target: 'Talk:B' }))).toBe('Admin moved page A to Talk:B without leaving a redirect');
  });

  it('describes protections with their levels and expiries', () => {
    const params = { edit: { level: 'admin', expiresAt: null }, move: { level: 'autoconfirmed', expiresAt: '2026-12-05T18:30:00.000Z' } };
    expect(text(entry('protect', 'protect', 'Foo', params))).toBe(
      'Admin protected Foo [edit=admin] (indefinite) [move=autoconfirmed] (expires 18:30, 5 December 2026 (UTC))',
    );
    expect(text(entry('protect', 'modify', 'Foo', { edit: { level: 'registered', expiresAt: null } }))).toBe(
      'Admin changed protection settings for Foo [edit=registered] (indefinite)',
    );
    expect(text(entry('protect', 'unprotect', 'Foo'))).toBe('Admin removed protection from Foo');
  });

  it('describes deletions, restorations and revision visibility changes', () => {
    expect(text(entry('delete', 'delete', 'Foo', { revisions: 3 }))).toBe('Admin deleted page Foo');
    expect(text(entry('delete', 'restore', 'Foo', { revisions: 3 }))).toBe('Admin restored page Foo (3 revisions)');
    expect(text(entry('delete', 'restore', 'Foo', { revisions: 1 }))).toBe('Admin restored page Foo (1 revision)');
    expect(text(entry('delete', 'revision', 'Foo', { revisionId: 42, hiddenBefore: 2, hiddenAfter: 5 }))).toBe(
      'Admin changed visibility of revision 42 on page Foo: text hidden, summary unhidden, user hidden',
    );
  });

  it('describes blocks, partial blocks, reblocks and unblocks', () => {
    expect(text(entry('block', 'block', 'User:Bob', { expiresAt: '2026-12-05T12:00:00.000Z', sitewide: true }))).toBe(
      'Admin blocked Bob with an expiry time of 12:00, 5 December 2026 (UTC)',
    );
    expect(text(entry('block', 'block', 'User:Bob', { expiresAt: null, sitewide: false, pageTitles: ['A', 'B', 'Talk:C'] }))).toBe(
      'Admin blocked Bob from editing the pages A, B and Talk:C with an expiry time of indefinite',
    );
    expect(text(entry('block', 'reblock', 'User:Bob', { expiresAt: null, sitewide: false, pageTitles: ['A'] }))).toBe(
      'Admin changed block settings for Bob from editing the page A with an expiry time of indefinite',
    );
    expect(text(entry('block', 'unblock', 'User:Bob'))).toBe('Admin unblocked Bob');
  });

  it('describes account creations and rights changes', () => {
    expect(text(entry('newusers', 'create', 'User:Bob', { userId: 2 }, { id: 2, name: 'Bob' }))).toBe('User account Bob was created');
    expect(text(entry('newusers', 'create2', 'User:Bob', { userId: 2 }))).toBe('Admin created user account Bob');
    expect(text(entry('rights', 'rights', 'User:Bob', { from: 'registered', to: 'admin' }))).toBe(
      'Admin changed group membership for Bob from registered user to administrator',
    );
    expect(text(entry('rights', 'rights', 'User:Bob', { from: 'admin', to: 'registered' }, null))).toBe(
      'A maintenance script changed group membership for Bob from administrator to registered user',
    );
  });

  it('has a sentence of its own for every type and action of the log vocabulary', () => {
    for (const [type, actions] of Object.entries(LOG_ACTIONS) as [LogType, readonly string[]][]) {
      for (const action of actions) expect(text(entry(type, action, 'User:Bob')), `${type}/${action}`).not.toMatch(/performed/);
    }
  });

  it('links the performer, pages and users, and keeps markup as plain text', () => {
    const parts = describeLogEntry(entry('move', 'move', 'A', { target: '<img src=x onerror=alert(1)>' }));
    expect(parts[0]).toEqual({ text: 'Admin', href: '/wiki/User:Admin' });
    expect(parts[2]).toEqual({ text: 'A', href: '/wiki/A' });
    // Not a valid title: shown as text, never as a link or markup.
    expect(parts[4]).toBe('<img src=x onerror=alert(1)>');
  });

  it('survives params of an unexpected shape', () => {
    expect(text(entry('protect', 'protect', 'Foo', { edit: 'admin' }))).toBe('Admin protected Foo');
    expect(text(entry('block', 'block', 'User:Bob', { expiresAt: 'soon', pageTitles: 'A' }))).toBe('Admin blocked Bob with an expiry time of indefinite');
    expect(text(entry('move', 'move', 'A'))).toBe('Admin moved page A to (unknown page)');
  });
});
