import 'server-only';
import type { ListModule } from '@/lib/server/action-api/query/types';
import { allPagesList } from '@/lib/server/action-api/query/list-allpages';
import { backlinksList } from '@/lib/server/action-api/query/list-backlinks';
import { categoryMembersList } from '@/lib/server/action-api/query/list-categorymembers';
import { logEventsList } from '@/lib/server/action-api/query/list-logevents';
import { recentChangesList } from '@/lib/server/action-api/query/list-recentchanges';
import { searchList } from '@/lib/server/action-api/query/list-search';
import { userContribsList } from '@/lib/server/action-api/query/list-usercontribs';

/** list=… (and generator=… for those that are generators), by name, as MediaWiki's $wgAPIListModules. */
export const LIST_MODULES: Readonly<Record<string, ListModule>> = {
  allpages: allPagesList,
  backlinks: backlinksList,
  categorymembers: categoryMembersList,
  logevents: logEventsList,
  recentchanges: recentChangesList,
  search: searchList,
  usercontribs: userContribsList,
};
