import { describe, expect, it } from 'vitest';
import { databaseRoleOf, storedRoleFromDatabase } from '@/lib/domain/user-rights';

describe('stored roles and their database spelling', () => {
  it('maps users.role to a stored role and back', () => {
    expect(storedRoleFromDatabase('ADMIN')).toBe('admin');
    expect(storedRoleFromDatabase('USER')).toBe('registered');
    expect(databaseRoleOf('admin')).toBe('ADMIN');
    expect(databaseRoleOf('registered')).toBe('USER');
  });

  it('treats a missing user as a registered one, never as an administrator', () => {
    expect(storedRoleFromDatabase(undefined)).toBe('registered');
    expect(storedRoleFromDatabase(null)).toBe('registered');
  });
});
