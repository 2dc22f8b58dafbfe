import 'server-only';
import { countArticles, latestChanges, type LatestChange } from '@/lib/server/search';

export interface MainPageStatsScreen {
  articles: number;
  changes: LatestChange[];
}

/** What the Main Page shows under its text (components/MainPageStats.tsx): the article count and the latest edited pages. */
export async function loadMainPageStats(limit = 5): Promise<MainPageStatsScreen> {
  const [articles, changes] = await Promise.all([countArticles(), latestChanges(limit)]);
  return { articles, changes };
}
