import 'server-only';
import { getDb } from '@/lib/server/db';

export const SITE_NAME_KEY = 'site_name';
export const DEFAULT_SITE_NAME = 'Fans Wiki';

// The name comes from the seed document and changes only when content is imported, so one read
// per process is enough; setSiteName refreshes it in the process that imports. Kept with the
// database it was read from (a test process points DATABASE_URL at a new database per file).
let cachedSiteName: { name: string; database: string | undefined } | undefined;

export async function getSiteName(): Promise<string> {
  const database = process.env.DATABASE_URL;
  if (cachedSiteName && cachedSiteName.database === database) return cachedSiteName.name;
  const setting = await getDb().siteSetting.findUnique({ where: { key: SITE_NAME_KEY } });
  if (setting) cachedSiteName = { name: setting.value, database };
  return setting?.value ?? DEFAULT_SITE_NAME;
}

export async function setSiteNameIfUnset(name: string): Promise<void> {
  // INSERT … ON CONFLICT DO NOTHING: Prisma's upsert reads, then inserts, and fails the second of two concurrent callers.
  await getDb().siteSetting.createMany({ data: [{ key: SITE_NAME_KEY, value: name }], skipDuplicates: true });
  cachedSiteName = undefined;
}
