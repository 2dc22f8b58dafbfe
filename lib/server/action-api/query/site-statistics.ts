import 'server-only';
import { getDb } from '@/lib/server/db';

/** siprop=statistics (MediaWiki's site_stats), counted in one round trip over indexed tables. */
export async function siteStatistics(now: Date = new Date()): Promise<Record<string, number>> {
  // MediaWiki's $wgActiveUserDays: accounts with an edit in the last 30 days.
  const activeSince = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const [row] = await getDb().$queryRaw<{ pages: bigint; articles: bigint; edits: bigint; images: bigint; users: bigint; activeusers: bigint; admins: bigint }[]>`
    SELECT
      (SELECT count(*) FROM pages WHERE deleted_at IS NULL AND latest_revision_id IS NOT NULL) AS pages,
      (SELECT count(*) FROM pages WHERE deleted_at IS NULL AND latest_revision_id IS NOT NULL AND namespace = 0 AND NOT is_redirect) AS articles,
      (SELECT count(*) FROM revisions) AS edits,
      (SELECT count(*) FROM files WHERE latest_version_id IS NOT NULL) AS images,
      (SELECT count(*) FROM users WHERE password_hash IS NOT NULL) AS users,
      (SELECT count(DISTINCT r.author_id) FROM revisions r JOIN users u ON u.id = r.author_id
        WHERE r.created_at >= ${activeSince} AND u.password_hash IS NOT NULL) AS activeusers,
      (SELECT count(*) FROM users WHERE role = 'ADMIN' AND password_hash IS NOT NULL) AS admins`;
  const count = (value: bigint | undefined): number => Number(value ?? 0);
  return {
    pages: count(row?.pages),
    articles: count(row?.articles),
    edits: count(row?.edits),
    images: count(row?.images),
    users: count(row?.users),
    activeusers: count(row?.activeusers),
    admins: count(row?.admins),
    jobs: 0,
  };
}
