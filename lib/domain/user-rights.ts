/**
 * Special:UserRights, `user:promote` and `user:bot`: which stored role a user has, and whether the
 * account is in MediaWiki's "bot" group (users.is_bot). Only the two stored roles and the bot flag
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

/**
 * The groups a user is explicitly in, as MediaWiki's rights log lists them (oldgroups/newgroups):
 * "admin" and "bot"; a registered user without either is in none.
 */
export type ExplicitGroup = 'admin' | 'bot';

export function explicitGroups(role: StoredRole, bot: boolean): ExplicitGroup[] {
  const groups: ExplicitGroup[] = [];
  if (role === 'admin') groups.push('admin');
  if (bot) groups.push('bot');
  return groups;
}

const CHECKED = new Set(['on', 'true', '1', 'yes']);

export const userRightsSchema = z.object({
  target: userNameField,
  // Absent (the CLI's user:bot): the role is kept. The form always sends it: '' is "choose one".
  role: textInput(errorMessage('userRights.roleRequired'))
    .refine((value): value is StoredRole => value === 'registered' || value === 'admin', zodRefinement(errorMessage('userRights.roleRequired')))
    .optional(),
  // The "Bot" checkbox: "on" when ticked, '' when not (the form sends it either way); booleans
  // from the CLI. Absent (user:promote): the flag is kept.
  bot: z
    .union([z.string(), z.boolean()])
    .optional()
    .transform((value) => (value === undefined || typeof value === 'boolean' ? value : CHECKED.has(value.trim().toLowerCase()))),
  reason: reasonField,
});

export type UserRightsInput = z.output<typeof userRightsSchema>;
