import 'server-only';
import { getDb } from '@/lib/server/db';

export const SITE_NAME_KEY = 'site_name';
const DEFAULT_SITE_NAME = 'Fans Wiki';

// The name comes from the seed document and changes only when content is imported, so one read
// per process is enough; setSiteName refreshes it in the process that imports.
let cachedSiteName: string | undefined;

export async function getSiteName(): Promise<string> {
  if (cachedSiteName) return cachedSiteName;
  const setting = await getDb().siteSetting.findUnique({ where: { key: SITE_NAME_KEY } });
  if (setting) cachedSiteName = setting.value;
  return setting?.value ?? DEFAULT_SITE_NAME;
}

export async function setSiteNameIfUnset(name: string): Promise<void> {
  await getDb().siteSetting.upsert({ where: { key: SITE_NAME_KEY }, create: { key: SITE_NAME_KEY, value: name }, update: {} });
  cachedSiteName = undefined;
}
