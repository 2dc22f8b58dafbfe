import 'server-only';
import { getDb } from '@/lib/server/db';
import type { UserSummary } from '@/lib/domain/wiki';

/** The account that imports and maintenance scripts attribute their edits to. It cannot sign in. */
export const IMPORT_USER_NAME = 'Wiki import';

export async function ensureSystemUser(name: string): Promise<UserSummary> {
  const user = await getDb().user.upsert({
    where: { nameKey: name.toLowerCase() },
    create: { name, nameKey: name.toLowerCase(), isSystem: true },
    update: {},
    select: { id: true, name: true },
  });
  return user;
}
