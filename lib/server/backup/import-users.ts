import 'server-only';
import { AppError } from '@/lib/domain/errors';
import { invisibleCharacterIn, usernameKey } from '@/lib/domain/accounts';
import { findConfusableAccount, IMPORT_USER_NAME } from '@/lib/server/users';
import type { Transaction } from '@/lib/server/transaction';
import type { ImportPlan } from '@/lib/server/backup/import-plan';

/**
 * Authors become accounts, so their names follow the rules every new name does (as on sign-up and
 * in the maintenance CLI): nothing invisible in them. Names that would be refused at sign-up for
 * other reasons are kept, since imports bring MediaWiki's older names ("imported>Foo", IPs).
 */
export function checkAuthorNames(plan: ImportPlan): void {
  for (const name of plan.users.keys()) {
    const code = invisibleCharacterIn(name);
    if (code !== null) {
      throw new AppError(
        'VALIDATION',
        `The author name ${JSON.stringify(name)} contains an invisible or formatting character (U+${code}), so it could pass for another name. ` +
          'Nothing was imported. Remove the character from the file (in <username>), then import again.',
      );
    }
  }
}

/**
 * Authors are matched by name; missing ones are created without a password (they cannot sign in
 * until an administrator runs `user:set-password`), keeping their id when it is free. A missing
 * author whose name looks like another account's (or another author's) is refused, as on sign-up.
 */
export async function importUsers(tx: Transaction, plan: ImportPlan): Promise<Map<string, number> & { created: number }> {
  const ids = Object.assign(new Map<string, number>(), { created: 0 });
  const wantedIds = [...plan.users.values()].flatMap((user) => (user.fileId === null ? [] : [user.fileId]));
  const taken = new Set((await tx.$queryRaw<{ id: number }[]>`SELECT id FROM users WHERE id = ANY(${wantedIds}::int[])`).map((row) => row.id));
  for (const [name, user] of plan.users) {
    const key = usernameKey(name);
    const found = await tx.user.findUnique({ where: { nameKey: key }, select: { id: true } });
    if (found) {
      ids.set(name, found.id);
      continue;
    }
    const stored = name.normalize('NFC');
    const { skeleton, existing } = await findConfusableAccount(tx, stored);
    if (existing !== null) {
      throw new AppError(
        'VALIDATION',
        `The author name "${stored}" looks too much like the account "${existing}" (readers could mistake one for the other). ` +
          'Nothing was imported. Rename that author in the file (in <username>), then import again.',
      );
    }
    const preferred = user.fileId !== null && !taken.has(user.fileId) ? user.fileId : null;
    if (preferred !== null) taken.add(preferred);
    const [row] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO users (id, name, name_key, name_skeleton, is_system, created_at)
      VALUES (COALESCE(${preferred}::int, nextval(pg_get_serial_sequence('users', 'id'))), ${stored}, ${key}, ${skeleton}, ${name === IMPORT_USER_NAME}, ${user.firstEdit}::timestamptz)
      RETURNING id`;
    ids.set(name, row!.id);
    ids.created += 1;
  }
  return ids;
}
