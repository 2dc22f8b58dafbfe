import { getDb } from '@/lib/server/db';
import { parseTitle } from '@/lib/domain/titles';

/** The text of a page's latest revision, straight from the database. */
export async function latestText(title: string): Promise<string> {
  const t = parseTitle(title);
  const page = await getDb().page.findUniqueOrThrow({
    where: { namespace_title: { namespace: t.namespace, title: t.dbKey } },
    select: { latestRevision: { select: { content: { select: { text: true } } } } },
  });
  return page.latestRevision!.content.text;
}
