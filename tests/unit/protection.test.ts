import { describe, expect, it } from 'vitest';
import {
  activeProtection,
  describeSettings,
  initialProtectForm,
  lockOf,
  pageAccess,
  pageContext,
  protectFormSchema,
  protectionLogAction,
  protectionLogParams,
  protectionToken,
  requestedProtection,
  type Restriction,
} from '@/lib/domain/protection';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';

const NOW = new Date('2026-11-28T12:00:00Z');
const LATER = new Date('2027-01-31T18:30:00Z');

function restriction(level: Restriction['level'], expiresAt: Date | null = null): Restriction {
  return { level, expiresAt, reason: 'Vandalism', byName: 'Admin', since: NOW };
}

const form = (overrides: Record<string, string> = {}) => ({
  title: 'ecpat',
  editLevel: 'admin',
  moveLevel: 'none',
  editExpiry: '1 week',
  moveExpiry: 'infinite',
  reason: 'Edit warring',
  baseToken: 'edit=none;move=none',
  ...overrides,
});

const messages = (input: Record<string, string>) => {
  const result = protectFormSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
};

describe('the protect form schema', () => {
  it('reads a valid form: normalized title, levels, expiries', () => {
    const result = protectFormSchema.parse(form({ editExpiry: 'infinite', moveLevel: 'autoconfirmed', moveExpiry: '2027-01-31T18:30' }));
    expect(result.title.prefixedText).toBe('Ecpat');
    expect(result.edit).toEqual({ level: 'admin', expiresAt: null });
    expect(result.move).toEqual({ level: 'autoconfirmed', expiresAt: LATER });
    expect(result.reason).toBe('Edit warring');
  });

  it('reads upload protection on File: pages only, and leaves it alone when the form has no upload fields', () => {
    const file = protectFormSchema.parse(form({ title: 'File:Logo.png', uploadLevel: 'autoconfirmed', uploadExpiry: 'infinite' }));
    expect(file.upload).toEqual({ level: 'autoconfirmed', expiresAt: null });
    expect(protectFormSchema.parse(form({ title: 'File:Logo.png', uploadLevel: '' })).upload).toBeUndefined();
    expect(messages(form({ uploadLevel: 'admin', uploadExpiry: 'infinite' }))).toEqual({ uploadLevel: 'Only file pages (File:…) can be protected for uploads.' });
    const current = { upload: { level: 'admin' as const, expiresAt: null } };
    const edit = { level: 'registered' as const, expiresAt: null };
    const none = { level: 'none' as const, expiresAt: null };
    expect(requestedProtection({ edit, move: none }, current)).toEqual({ edit, upload: current.upload });
    expect(requestedProtection({ edit, move: none, upload: none }, current)).toEqual({ edit });
    expect(initialProtectForm('Ecpat', {}).uploadLevel).toBe('');
    expect(initialProtectForm('File:Logo.png', { upload: restriction('admin') }, 6)).toMatchObject({ uploadLevel: 'admin', uploadExpiry: 'infinite' });
    // Tokens of pages without upload protection read as before; with it, they change.
    expect(protectionToken({})).toBe('edit=none;move=none');
    expect(protectionToken({ upload: restriction('admin') })).toBe('edit=none;move=none;upload=admin@infinite');
    expect(protectionLogParams({ upload: { level: 'admin', expiresAt: null } })).toEqual({ upload: { level: 'admin', expiresAt: null } });
    expect(protectionLogAction({ upload: { level: 'admin', expiresAt: null } }, {})).toBe('unprotect');
  });

  it('takes the "other" text over the select, and asks for it when "other" is chosen empty', () => {
    expect(protectFormSchema.parse(form({ editExpiry: 'infinite', editExpiryOther: '2027-01-31T18:30' })).edit.expiresAt).toEqual(LATER);
    expect(messages(form({ editExpiry: 'other', editExpiryOther: ' ' }))).toEqual({ editExpiry: 'Type the expiry next to "other", or choose one from the list.' });
  });

  it('refuses past and unreadable expiries, but ignores the expiry of an unprotected action', () => {
    expect(messages(form({ editExpiry: '2020-01-01' }))).toEqual({ editExpiry: 'The expiry must be in the future.' });
    expect(messages(form({ editExpiry: 'soonish' })).editExpiry).toMatch(/"1 week"/);
    expect(messages(form({ moveLevel: 'none', moveExpiry: '2020-01-01' }))).toEqual({});
  });

  it('requires a reason of at most 500 characters, a known level and a valid title', () => {
    expect(messages(form({ reason: '   ' }))).toEqual({ reason: 'Give a reason; it is shown in the log.' });
    expect(messages(form({ reason: 'x'.repeat(501) })).reason).toMatch(/at most 500/);
    expect(messages(form({ editLevel: 'sysop' })).editLevel).toMatch(/Choose a protection level/);
    expect(messages(form({ title: 'A|B' })).title).toMatch(/not a valid title/);
    expect(messages(form({ title: '' })).title).toBe('Give the title of the page to protect.');
  });

  it('reports every problem at once', () => {
    expect(Object.keys(messages(form({ reason: '', editExpiry: 'never ever', title: 'A[b]' }))).sort()).toEqual(['editExpiry', 'reason', 'title']);
  });
});

describe('protection state', () => {
  it('turns into the permission check’s page context', () => {
    expect(pageContext(3, { edit: restriction('autoconfirmed') })).toEqual({ id: 3, protection: { edit: 'autoconfirmed' } });
    expect(pageContext(null, {})).toEqual({ id: null, protection: {} });
  });

  it('has a token that changes with any level or expiry', () => {
    const tokens = new Set([
      protectionToken({}),
      protectionToken({ edit: restriction('admin') }),
      protectionToken({ edit: restriction('autoconfirmed') }),
      protectionToken({ edit: restriction('admin', LATER) }),
      protectionToken({ move: restriction('admin') }),
    ]);
    expect(tokens.size).toBe(5);
    // Reason and author are not part of the state the admin decides on.
    expect(protectionToken({ edit: { ...restriction('admin'), reason: 'other' } })).toBe(protectionToken({ edit: restriction('admin') }));
    expect(initialProtectForm('X', { edit: restriction('admin', LATER) })).toMatchObject({
      editLevel: 'admin',
      editExpiry: LATER.toISOString(),
      moveLevel: 'none',
      baseToken: protectionToken({ edit: restriction('admin', LATER) }),
    });
  });
});

describe('log entries', () => {
  const admin = { level: 'admin' as const, expiresAt: null };
  it('names the change protect, modify or unprotect, and nothing when unchanged', () => {
    expect(protectionLogAction({}, { edit: admin })).toBe('protect');
    expect(protectionLogAction({ edit: admin }, { edit: admin, move: admin })).toBe('modify');
    expect(protectionLogAction({ edit: admin }, { edit: { ...admin, expiresAt: LATER } })).toBe('modify');
    expect(protectionLogAction({ edit: admin }, {})).toBe('unprotect');
    expect(protectionLogAction({ edit: admin }, { edit: { ...admin } })).toBeNull();
    expect(protectionLogAction({}, {})).toBeNull();
  });

  it('stores levels and ISO expiries, leaving out unprotected actions', () => {
    expect(protectionLogParams({ edit: { level: 'autoconfirmed', expiresAt: LATER } })).toEqual({
      edit: { level: 'autoconfirmed', expiresAt: '2027-01-31T18:30:00.000Z' },
    });
    expect(protectionLogParams({ move: admin })).toEqual({ move: { level: 'admin', expiresAt: null } });
  });
});

describe('protection in words', () => {
  it('says who can edit or move, and until when, for the lock', () => {
    expect(lockOf({ edit: restriction('admin', LATER) })).toEqual({ kind: 'edit', level: 'admin', expiresAt: LATER });
    expect(lockOf({ edit: restriction('admin'), move: restriction('admin') })).toEqual({ kind: 'editAndMove', level: 'admin', expiresAt: null });
    expect(lockOf({ edit: restriction('autoconfirmed'), move: restriction('admin') })).toEqual({
      kind: 'editThenMove',
      level: 'autoconfirmed',
      expiresAt: null,
      moveLevel: 'admin',
      moveExpiresAt: null,
    });
    expect(lockOf({ move: restriction('registered') })).toEqual({ kind: 'move', level: 'registered', expiresAt: null });
    expect(lockOf({})).toBeNull();
  });

  it('lists the current settings', () => {
    expect(describeSettings({ edit: restriction('admin', LATER) })).toEqual(['Edit: administrators only, until 18:30 (UTC) on 31 January 2027', 'Move: everyone allowed']);
  });
});

describe('page access for the tabs', () => {
  const registered: Actor = { userId: 1, name: 'Reg', role: 'registered', createdAt: NOW, editCount: 0, blocked: null };
  const admin: Actor = { ...registered, role: 'admin' };

  it('offers editing, protecting and deleting by role and protection', () => {
    const locked = { edit: restriction('admin') };
    expect(pageAccess(registered, 1, locked, undefined, NOW)).toEqual({ mayEdit: false, mayProtect: false, mayDelete: false, mayMove: true, lock: lockOf(locked) });
    expect(pageAccess(admin, 1, locked, undefined, NOW)).toEqual({ mayEdit: true, mayProtect: true, mayDelete: true, mayMove: true, lock: lockOf(locked) });
    expect(pageAccess(registered, 1, {}, undefined, NOW)).toMatchObject({ mayEdit: true, lock: null });
    expect(pageAccess(ANONYMOUS, 1, {}, undefined, NOW).mayEdit).toBe(false);
    // Moving needs an account, and move protection raises it.
    expect(pageAccess(ANONYMOUS, 1, {}, undefined, NOW).mayMove).toBe(false);
    expect(pageAccess(registered, 1, {}, undefined, NOW).mayMove).toBe(true);
    expect(pageAccess(registered, 1, { move: restriction('admin') }, undefined, NOW).mayMove).toBe(false);
    // A missing page cannot be protected or deleted.
    expect(pageAccess(admin, null, {}, undefined, NOW)).toMatchObject({ mayEdit: true, mayProtect: false, mayDelete: false, mayMove: false });
  });
});

describe('activeProtection', () => {
  const now = new Date('2026-11-28T12:00:00Z');
  const row = { reason: 'vandalism', byName: 'Admin', since: new Date('2026-11-01T00:00:00Z') };

  it('keeps the rows in force and drops expired ones and unknown actions or levels', () => {
    const protection = activeProtection(
      [
        { ...row, action: 'edit', level: 'admin', expiresAt: null },
        { ...row, action: 'move', level: 'autoconfirmed', expiresAt: new Date('2026-11-28T11:59:59Z') },
        // Upload protection (File: pages) is kept; an action the wiki does not protect is not.
        { ...row, action: 'upload', level: 'autoconfirmed', expiresAt: null },
        { ...row, action: 'create', level: 'admin', expiresAt: null },
        { ...row, action: 'move', level: 'sysop', expiresAt: null },
      ],
      now,
    );
    expect(protection).toEqual({
      edit: { level: 'admin', expiresAt: null, reason: 'vandalism', byName: 'Admin', since: row.since },
      upload: { level: 'autoconfirmed', expiresAt: null, reason: 'vandalism', byName: 'Admin', since: row.since },
    });
  });

  it('stops protecting at the expiry instant', () => {
    const expiresAt = new Date(now);
    expect(activeProtection([{ ...row, action: 'edit', level: 'registered', expiresAt }], now)).toEqual({});
    expect(activeProtection([{ ...row, action: 'edit', level: 'registered', expiresAt }], new Date(now.getTime() - 1)).edit?.level).toBe('registered');
  });
});
