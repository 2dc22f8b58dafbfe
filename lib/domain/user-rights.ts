/**
 * Special:UserRights and `user:promote`: which stored role a user has. Only the two stored roles
 * can be given ("autoconfirmed" is earned by age and edits, "anonymous" is having no account).
 * Pure: no I/O.
 */
import { z } from 'zod';
import { reasonField } from '@/lib/domain/admin-input';
import { userNameField } from '@/lib/domain/blocks';
import { errorMessage, textInput, zodRefinement } from '@/lib/domain/error-messages';

export type StoredRole = 'registered' | 'admin';

/** How the database spells the stored roles (enum UserRole in prisma/schema.prisma). */
export type DatabaseRole = 'USER' | 'ADMIN';

/** A users.role value (or none: no such user) as a stored role; anything but ADMIN is a registered user. */
export function storedRoleFromDatabase(role: string | null | undefined): StoredRole {
  return role === 'ADMIN' ? 'admin' : 'registered';
}

/** A stored role as the database spells it. */
export function databaseRoleOf(role: StoredRole): DatabaseRole {
  return role === 'admin' ? 'ADMIN' : 'USER';
}

export const STORED_ROLE_NAMES: Readonly<Record<StoredRole, string>> = {
  registered: 'registered user',
  admin: 'administrator',
};

export const userRightsSchema = z.object({
  target: userNameField,
  role: textInput(errorMessage('userRights.roleRequired')).refine(
    (value): value is StoredRole => value === 'registered' || value === 'admin',
    zodRefinement(errorMessage('userRights.roleRequired')),
  ),
  reason: reasonField,
});

export type UserRightsInput = z.output<typeof userRightsSchema>;
