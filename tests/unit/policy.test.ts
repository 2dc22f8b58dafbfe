import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/domain/errors';
import { ANONYMOUS, PERMISSIONS, assertCan, can, effectiveRole, type Action, type Actor, type Block, type Role } from '@/lib/domain/policy';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

function user(overrides: Partial<Actor> = {}): Actor {
  return {
    userId: 7,
    name: 'Jane',
    role: 'registered',
    createdAt: new Date(NOW.getTime() - 1 * DAY),
    editCount: 0,
    blocked: null,
    ...overrides,
  };
}

const ACTORS: Record<Role, Actor> = {
  anonymous: ANONYMOUS,
  registered: user(),
  autoconfirmed: user({ createdAt: new Date(NOW.getTime() - 30 * DAY), editCount: 50 }),
  admin: user({ role: 'admin', createdAt: new Date(NOW.getTime() - 1 * DAY) }),
};

// The expected rights, written out independently of PERMISSIONS: anon, registered, autoconfirmed, admin.
const EXPECTED: Record<Action, [boolean, boolean, boolean, boolean]> = {
  read: [true, true, true, true],
  edit: [false, true, true, true],
  create: [false, true, true, true],
  createaccount: [true, false, false, false],
  move: [false, true, true, true],
  delete: [false, false, false, true],
  undelete: [false, false, false, true],
  protect: [false, false, false, true],
  block: [false, false, false, true],
  rollback: [false, false, false, true],
  hiderevision: [false, false, false, true],
  userrights: [false, false, false, true],
  viewdeleted: [false, false, false, true],
  viewimportsource: [false, false, false, true],
  apiwrite: [false, true, true, true],
  upload: [false, true, true, true],
  reupload: [false, true, true, true],
  viewmywatchlist: [false, true, true, true],
  editmywatchlist: [false, true, true, true],
  viewmynotifications: [false, true, true, true],
  thank: [false, true, true, true],
  editmyprivateinfo: [false, true, true, true],
};
const ROLES: Role[] = ['anonymous', 'registered', 'autoconfirmed', 'admin'];
const MATRIX = (Object.keys(EXPECTED) as Action[]).flatMap((action) => ROLES.map((role, index) => ({ action, role, allowed: EXPECTED[action][index] as boolean })));

describe('the permission table', () => {
  it('covers exactly the expected actions', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('gives the test actors the roles they stand for', () => {
    for (const role of ROLES) expect(effectiveRole(ACTORS[role], NOW)).toBe(role);
  });

  it.each(MATRIX)('$role → $action: $allowed', ({ action, role, allowed }) => {
    const decision = can(ACTORS[role], action, { id: 1 }, { anonymousEditing: false }, NOW);
    expect(decision.allowed).toBe(allowed);
    if (!decision.allowed) {
      expect(decision.reason).toBe(role === 'anonymous' ? 'not-signed-in' : 'not-permitted');
      expect(decision.message.length).toBeGreaterThan(10);
    }
  });

  it('explains refusals in words', () => {
    expect(can(ANONYMOUS, 'edit', null, undefined, NOW)).toMatchObject({
      allowed: false,
      reason: 'not-signed-in',
      message: 'You must sign in to edit pages.',
    });
    expect(can(ACTORS.registered, 'delete', { id: 1 }, undefined, NOW)).toMatchObject({
      allowed: false,
      reason: 'not-permitted',
      message: 'You cannot delete pages: only administrators can.',
    });
    expect(can(ACTORS.admin, 'createaccount', null, undefined, NOW)).toMatchObject({
      reason: 'not-permitted',
      message: 'You are already signed in; sign out to create another account.',
    });
  });
});

describe('effectiveRole', () => {
  const at = (ageMs: number, editCount: number): Role => effectiveRole(user({ createdAt: new Date(NOW.getTime() - ageMs), editCount }), NOW);

  it('needs 4 days and 10 edits for autoconfirmed', () => {
    expect(at(3.99 * DAY, 10)).toBe('registered');
    expect(at(4 * DAY - 1, 10)).toBe('registered');
    expect(at(4 * DAY, 10)).toBe('autoconfirmed');
    expect(at(4 * DAY, 9)).toBe('registered');
    expect(at(400 * DAY, 9)).toBe('registered');
    expect(at(400 * DAY, 10)).toBe('autoconfirmed');
  });

  it('treats no user id as anonymous and admins as admins whatever their age', () => {
    expect(effectiveRole(ANONYMOUS, NOW)).toBe('anonymous');
    expect(effectiveRole({ ...ACTORS.admin, userId: null }, NOW)).toBe('anonymous');
    expect(effectiveRole(user({ role: 'admin', editCount: 0 }), NOW)).toBe('admin');
    expect(effectiveRole(user({ createdAt: null, editCount: 100 }), NOW)).toBe('registered');
  });

  it('lets autoconfirmed users through autoconfirmed protection, from the boundary on', () => {
    const page = { id: 1, protection: { edit: 'autoconfirmed' as const } };
    const young = user({ createdAt: new Date(NOW.getTime() - 3.99 * DAY), editCount: 10 });
    const old = user({ createdAt: new Date(NOW.getTime() - 4 * DAY), editCount: 10 });
    expect(can(young, 'edit', page, undefined, NOW).allowed).toBe(false);
    expect(can(old, 'edit', page, undefined, NOW).allowed).toBe(true);
  });
});

describe('anonymous editing setting', () => {
  it('lets anonymous visitors edit and create pages, and nothing more', () => {
    const settings = { anonymousEditing: true };
    for (const action of Object.keys(EXPECTED) as Action[]) {
      const expected = action === 'edit' || action === 'create' || EXPECTED[action][0];
      expect(can(ANONYMOUS, action, { id: 1 }, settings, NOW).allowed, action).toBe(expected);
    }
    // Signed-in users are unaffected.
    expect(can(ACTORS.registered, 'delete', { id: 1 }, settings, NOW).allowed).toBe(false);
  });
});

describe('blocks', () => {
  const block = (overrides: Partial<Block> = {}): Block => ({
    reason: 'Vandalism',
    expiresAt: new Date('2026-12-05T10:00:00Z'),
    sitewide: true,
    pageIds: [],
    ...overrides,
  });

  it("stops every write action but not reading or the blocked user's own watchlist", () => {
    const blockedAdmin = { ...ACTORS.admin, blocked: block() };
    const unaffected: Action[] = ['read', 'viewdeleted', 'viewimportsource', 'viewmywatchlist', 'editmywatchlist', 'viewmynotifications'];
    for (const action of Object.keys(EXPECTED) as Action[]) {
      const decision = can(blockedAdmin, action, { id: 1 }, undefined, NOW);
      if (unaffected.includes(action)) expect(decision.allowed, action).toBe(true);
      else if (action === 'createaccount')
        expect(decision, action).toMatchObject({ reason: 'not-permitted' }); // rights first
      else expect(decision, action).toMatchObject({ allowed: false, reason: 'blocked' });
    }
  });

  it('says until when and why', () => {
    expect(can(user({ blocked: block() }), 'edit', { id: 1 }, undefined, NOW)).toMatchObject({
      allowed: false,
      reason: 'blocked',
      message: 'You are blocked from editing until 5 December 2026: Vandalism',
    });
    expect(can(user({ blocked: block({ expiresAt: null, reason: '' }) }), 'edit', { id: 1 }, undefined, NOW)).toMatchObject({
      message: 'You are blocked from editing indefinitely.',
    });
    const soon = block({ expiresAt: new Date('2026-06-01T18:30:00Z') });
    expect(can(user({ blocked: soon }), 'edit', { id: 1 }, undefined, NOW)).toMatchObject({
      message: 'You are blocked from editing until 18:30 (UTC) on 1 June 2026: Vandalism',
    });
  });

  it('applies partial blocks only to the listed pages', () => {
    const actor = user({ blocked: block({ sitewide: false, pageIds: [1, 2] }) });
    expect(can(actor, 'edit', { id: 1 }, undefined, NOW)).toMatchObject({
      reason: 'blocked',
      message: 'You are blocked from editing this page until 5 December 2026: Vandalism',
    });
    expect(can(actor, 'edit', { id: 2 }, undefined, NOW).allowed).toBe(false);
    expect(can(actor, 'edit', { id: 3 }, undefined, NOW).allowed).toBe(true);
    expect(can(actor, 'create', { id: null }, undefined, NOW).allowed).toBe(true);
    expect(can(actor, 'apiwrite', null, undefined, NOW).allowed).toBe(true);
    expect(can(actor, 'read', { id: 1 }, undefined, NOW).allowed).toBe(true);
  });

  it('ignores expired blocks', () => {
    const expired = user({ blocked: block({ expiresAt: new Date(NOW.getTime() - 1) }) });
    expect(can(expired, 'edit', { id: 1 }, undefined, NOW).allowed).toBe(true);
    const endingNow = user({ blocked: block({ expiresAt: NOW }) });
    expect(can(endingNow, 'edit', { id: 1 }, undefined, NOW).allowed).toBe(true);
    const endingLater = user({ blocked: block({ expiresAt: new Date(NOW.getTime() + 1) }) });
    expect(can(endingLater, 'edit', { id: 1 }, undefined, NOW).allowed).toBe(false);
  });

  it('applies to anonymous visitors when anonymous editing is on', () => {
    const blockedVisitor = { ...ANONYMOUS, blocked: block() };
    expect(can(blockedVisitor, 'edit', { id: 1 }, { anonymousEditing: true }, NOW)).toMatchObject({ reason: 'blocked' });
    expect(can(blockedVisitor, 'createaccount', null, undefined, NOW)).toMatchObject({ reason: 'blocked' });
  });
});

describe('protection', () => {
  const levels = ['registered', 'autoconfirmed', 'admin'] as const;
  // Which roles may act on a page protected at each level.
  const EXPECTED_UNDER_PROTECTION: Record<(typeof levels)[number], Role[]> = {
    registered: ['registered', 'autoconfirmed', 'admin'],
    autoconfirmed: ['autoconfirmed', 'admin'],
    admin: ['admin'],
  };

  it.each(levels)('edit protection at %s', (level) => {
    const page = { id: 1, protection: { edit: level } };
    for (const role of ['registered', 'autoconfirmed', 'admin'] as const) {
      const allowed = EXPECTED_UNDER_PROTECTION[level].includes(role);
      expect(can(ACTORS[role], 'edit', page, undefined, NOW).allowed, role).toBe(allowed);
      expect(can(ACTORS[role], 'create', { ...page, id: null }, undefined, NOW).allowed, role).toBe(allowed);
      // Edit protection does not restrict moving.
      expect(can(ACTORS[role], 'move', page, undefined, NOW).allowed, role).toBe(EXPECTED.move[ROLES.indexOf(role)]);
    }
    // With anonymous editing on, any protection keeps anonymous visitors out.
    expect(can(ANONYMOUS, 'edit', page, { anonymousEditing: true }, NOW)).toMatchObject({ allowed: false, reason: 'protected' });
  });

  it.each(levels)('move protection at %s', (level) => {
    const page = { id: 1, protection: { move: level } };
    for (const role of ['autoconfirmed', 'admin'] as const) {
      expect(can(ACTORS[role], 'move', page, undefined, NOW).allowed, role).toBe(EXPECTED_UNDER_PROTECTION[level].includes(role));
      expect(can(ACTORS[role], 'edit', page, undefined, NOW).allowed, role).toBe(true);
    }
  });

  it.each(levels)('upload protection at %s, and edit protection holding uploads back too', (level) => {
    for (const protection of [{ upload: level }, { edit: level }, { edit: level, upload: 'registered' as const }, { edit: 'registered' as const, upload: level }]) {
      const page = { id: 1, protection };
      for (const role of ['registered', 'autoconfirmed', 'admin'] as const) {
        const allowed = EXPECTED_UNDER_PROTECTION[level].includes(role);
        expect(can(ACTORS[role], 'upload', page, undefined, NOW).allowed, `${role} ${JSON.stringify(protection)}`).toBe(allowed);
        expect(can(ACTORS[role], 'reupload', page, undefined, NOW).allowed, `${role} ${JSON.stringify(protection)}`).toBe(allowed);
      }
    }
    // Upload protection alone does not restrict editing the description.
    expect(can(ACTORS.registered, 'edit', { id: 1, protection: { upload: 'admin' } }, undefined, NOW).allowed).toBe(true);
    expect(can(ACTORS.registered, 'reupload', { id: 1, protection: { upload: 'admin' } }, undefined, NOW)).toMatchObject({
      message: 'This page is protected: only administrators can upload a file to it.',
    });
  });

  it('explains protection', () => {
    expect(can(ACTORS.autoconfirmed, 'edit', { id: 1, protection: { edit: 'admin' } }, undefined, NOW)).toMatchObject({
      allowed: false,
      reason: 'protected',
      message: 'This page is protected: only administrators can edit it.',
    });
    expect(can(ACTORS.registered, 'edit', { id: 1, protection: { edit: 'autoconfirmed' } }, undefined, NOW)).toMatchObject({
      message: 'This page is protected: only autoconfirmed users can edit it.',
    });
    expect(can(ACTORS.autoconfirmed, 'move', { id: 1, protection: { move: 'admin' } }, undefined, NOW)).toMatchObject({
      message: 'This page is protected: only administrators can move it.',
    });
  });

  it('checks rights before blocks before protection', () => {
    const page = { id: 1, protection: { edit: 'admin' as const } };
    expect(can(ANONYMOUS, 'edit', page, undefined, NOW)).toMatchObject({ reason: 'not-signed-in' });
    const blocked = user({ blocked: { reason: 'x', expiresAt: null, sitewide: true, pageIds: [] } });
    expect(can(blocked, 'edit', page, undefined, NOW)).toMatchObject({ reason: 'blocked' });
  });
});

describe('protection, every role × action × level', () => {
  // Written out independently: the least role that gets through each level (none = the rights table alone).
  const LEVELS = ['none', 'registered', 'autoconfirmed', 'admin'] as const;
  const PROTECTABLE = ['edit', 'create', 'move'] as const;
  const CELLS = PROTECTABLE.flatMap((action) =>
    LEVELS.flatMap((level) =>
      ROLES.flatMap((role) =>
        [false, true].map((anonymousEditing) => {
          const rights = EXPECTED[action][ROLES.indexOf(role)] as boolean;
          const anonymousMayEdit = anonymousEditing && role === 'anonymous' && action !== 'move';
          const passesLevel = level === 'none' || ROLES.indexOf(role) >= ROLES.indexOf(level);
          return { action, level, role, anonymousEditing, allowed: (rights || anonymousMayEdit) && passesLevel };
        }),
      ),
    ),
  );

  it.each(CELLS)('$action protected at $level, $role (anonymous editing $anonymousEditing) → $allowed', ({ action, level, role, anonymousEditing, allowed }) => {
    const protectedAction = action === 'move' ? 'move' : 'edit';
    const page = { id: action === 'create' ? null : 1, protection: level === 'none' ? {} : { [protectedAction]: level } };
    const decision = can(ACTORS[role], action, page, { anonymousEditing }, NOW);
    expect(decision.allowed).toBe(allowed);
    // A refusal names protection only when the rights alone would have allowed it.
    const rightsAllow = can(ACTORS[role], action, { id: page.id }, { anonymousEditing }, NOW).allowed;
    if (!decision.allowed) expect(decision.reason === 'protected').toBe(rightsAllow);
  });

  it('applies edit protection only to editing, creating and uploading, and move protection only to moving', () => {
    const both = { id: 1, protection: { edit: 'admin' as const, move: 'admin' as const } };
    for (const action of Object.keys(EXPECTED) as Action[]) {
      // Uploads change the page too: edit protection holds them back (tested with upload protection above).
      if (action === 'edit' || action === 'create' || action === 'move' || action === 'upload' || action === 'reupload') continue;
      for (const role of ROLES) {
        expect(can(ACTORS[role], action, both, undefined, NOW).allowed, `${role} ${action}`).toBe(EXPECTED[action][ROLES.indexOf(role)]);
      }
    }
  });
});

describe('assertCan', () => {
  it('returns quietly when allowed', () => {
    expect(() => assertCan(ACTORS.admin, 'delete', { id: 1 }, undefined, NOW)).not.toThrow();
  });

  it('throws UNAUTHENTICATED for anonymous visitors and FORBIDDEN otherwise', () => {
    const codeOf = (run: () => void): string | undefined => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return (error as AppError).code;
      }
      return undefined;
    };
    expect(codeOf(() => assertCan(ANONYMOUS, 'edit', { id: 1 }, undefined, NOW))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => assertCan(ACTORS.registered, 'delete', { id: 1 }, undefined, NOW))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCan(ACTORS.admin, 'createaccount', null, undefined, NOW))).toBe('FORBIDDEN');
    expect(codeOf(() => assertCan(ACTORS.registered, 'edit', { id: 1, protection: { edit: 'admin' } }, undefined, NOW))).toBe('FORBIDDEN');
    expect(() => assertCan(ANONYMOUS, 'edit', { id: 1 }, undefined, NOW)).toThrow('You must sign in to edit pages.');
  });

  it('defaults "now" to the current time', () => {
    expect(can(ACTORS.registered, 'edit').allowed).toBe(true);
  });
});
