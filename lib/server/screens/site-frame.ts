import 'server-only';
import { getSiteName } from '@/lib/server/site';
import { getActor } from '@/lib/server/session';

/** What the frame around every page shows: the wiki's name and who is signed in (null: nobody). */
export async function loadSiteFrame(): Promise<{ siteName: string; userName: string | null }> {
  const [siteName, actor] = await Promise.all([getSiteName(), getActor()]);
  return { siteName, userName: actor.name };
}

/** The title of every page: the wiki's name alone, or after the page's own title ("Foo — Wiki"). */
export async function loadSiteTitle(): Promise<{ default: string; template: string }> {
  const siteName = await getSiteName();
  return { default: siteName, template: `%s — ${siteName}` };
}
