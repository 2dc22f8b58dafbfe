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

/**
 * Anonymous edits (when the site allows them) are attributed to the editor's IP address, as on
 * MediaWiki. Usernames that look like IP addresses cannot be registered, so these never clash.
 */
export async function anonymousAuthorId(ip: string): Promise<number> {
  const user = await getDb().user.upsert({
    where: { nameKey: ip.toLowerCase() },
    create: { name: ip, nameKey: ip.toLowerCase() },
    update: {},
    select: { id: true },
  });
  return user.id;
}
