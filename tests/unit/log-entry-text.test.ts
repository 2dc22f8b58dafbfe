import { describe, expect, it } from 'vitest';
import { describeLogEntry, renderLogMessage, type LogEntryRow } from '@/lib/domain/log-entry-text';
import { logEntryPlainText, logEntryTextIn } from '@/lib/i18n/log-entry-text';
import { LOG_ACTIONS, type LogType } from '@/lib/domain/log';
import { parseTitle } from '@/lib/domain/titles';

const admin = { id: 1, name: 'Admin' };

function entry(type: string, action: string, title: string, params: Record<string, unknown> = {}, performer: LogEntryRow['performer'] = admin): LogEntryRow {
  return { id: 1, type, action, createdAt: new Date('2026-11-28T12:00:00Z'), performer, title: parseTitle(title), comment: 'because', params };
}

/** English day order is the formatter's business (US "Dec 5, 2026" or British "5 Dec 2026"): tests write it British. */
const text = (e: LogEntryRow) => logEntryPlainText(e).replace(/\b([A-Z][a-z]{2}) (\d{1,2}), (\d{4})/g, '$2 $1 $3');

describe('log entry sentences', () => {
  it('describes moves, with and without a redirect left behind', () => {
    expect(text(entry('move', 'move', 'A', { target: 'B' }))).toBe('Admin moved page A to B');
    expect(text(entry('move', 'move_noredirect', 'A', { target: 'Talk:B' }))).toBe('Admin moved page A to Talk:B without leaving a redirect');
  });

  it('describes protections with their levels and expiries', () => {
    const params = { edit: { level: 'admin', expiresAt: null }, move: { level: 'autoconfirmed', expiresAt: '2026-12-05T18:30:00.000Z' } };
    expect(text(entry('protect', 'protect', 'Foo', params))).toBe('Admin protected Foo [edit=admin] (indefinite) [move=autoconfirmed] (expires 5 Dec 2026, 18:30 (UTC))');
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

  it('describes uploads, new versions, reverts, file version visibility and upload protection', () => {
    expect(text(entry('upload', 'upload', 'File:Logo.png', { versionId: 3, sha1: 'a'.repeat(40) }))).toBe('Admin uploaded File:Logo.png');
    expect(text(entry('upload', 'overwrite', 'File:Logo.png', { versionId: 4, sha1: 'b'.repeat(40) }))).toBe('Admin uploaded a new version of File:Logo.png');
    expect(text(entry('upload', 'revert', 'File:Logo.png', { versionId: 5, revertedFrom: 3 }))).toBe('Admin reverted File:Logo.png to an old version (version 3)');
    expect(text(entry('delete', 'revision', 'File:Logo.png', { fileVersionId: 3, hiddenBefore: 0, hiddenAfter: 5 }))).toBe(
      'Admin changed visibility of file version 3 of File:Logo.png: file hidden, user hidden',
    );
    expect(text(entry('protect', 'protect', 'File:Logo.png', { upload: { level: 'admin', expiresAt: null } }))).toBe(
      'Admin protected File:Logo.png [upload=admin] (indefinite)',
    );
    expect(logEntryTextIn('it', entry('upload', 'overwrite', 'File:Logo.png', { versionId: 4 }))).toBe('Admin ha caricato una nuova versione di File:Logo.png');
  });

  it('describes blocks, partial blocks, reblocks and unblocks', () => {
    expect(text(entry('block', 'block', 'User:Bob', { expiresAt: '2026-12-05T12:00:00.000Z', sitewide: true }))).toBe(
      'Admin blocked Bob with an expiry time of 5 Dec 2026, 12:00 (UTC)',
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
    // Render with a renderer that shows links as [text](href) and keeps the message keys.
    const shown = renderLogMessage<string>(describeLogEntry(entry('move', 'move', 'A', { target: '<img src=x onerror=alert(1)>' })), {
      message: (key, args, tags) =>
        `${key}(${Object.entries({ ...args, ...tags })
          .map(([name, value]) => `${name}=${value}`)
          .join(' ')})`,
      link: (linkText, href) => `[${linkText}](${href})`,
      text: (plain) => `"${plain}"`,
      date: (date) => date.toISOString(),
      join: (items) => items.join(''),
    });
    // Not a valid title: shown as text, never as a link or markup.
    expect(shown).toBe('entry.move(performer=[Admin](/wiki/User:Admin) page=[A](/wiki/A) target="<img src=x onerror=alert(1)>")');
  });

  it('says the same in Italian, with Italian dates and numbers', () => {
    const italian = (e: LogEntryRow) => logEntryTextIn('it', e);
    expect(italian(entry('move', 'move_noredirect', 'A', { target: 'B' }))).toBe('Admin ha spostato la pagina A a B senza lasciare redirect');
    expect(italian(entry('protect', 'protect', 'Foo', { edit: { level: 'admin', expiresAt: '2026-12-05T18:30:00.000Z' } }))).toBe(
      'Admin ha protetto Foo [modifica=admin] (scade il 5 dic 2026, 18:30 (UTC))',
    );
    expect(italian(entry('delete', 'restore', 'Foo', { revisions: 1234 }))).toBe('Admin ha ripristinato la pagina Foo (1234 versioni)');
    expect(italian(entry('block', 'block', 'User:Bob', { expiresAt: null, sitewide: false, pageTitles: ['A', 'B', 'C'] }))).toBe(
      'Admin ha bloccato Bob dalla modifica delle pagine A, B e C con scadenza infinito',
    );
    expect(italian(entry('newusers', 'create', 'User:Bob', {}, { id: 2, name: 'Bob' }))).toBe('L’utenza Bob è stata creata');
    expect(italian(entry('rights', 'rights', 'User:Bob', { from: 'registered', to: 'admin' }, null))).toBe(
      'Uno script di manutenzione ha modificato i gruppi di Bob: prima utente registrato, ora amministratore',
    );
  });

  it('survives params of an unexpected shape', () => {
    expect(text(entry('protect', 'protect', 'Foo', { edit: 'admin' }))).toBe('Admin protected Foo');
    expect(text(entry('block', 'block', 'User:Bob', { expiresAt: 'soon', pageTitles: 'A' }))).toBe('Admin blocked Bob with an expiry time of indefinite');
    expect(text(entry('move', 'move', 'A'))).toBe('Admin moved page A to (unknown page)');
  });
});
