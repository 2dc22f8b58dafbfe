import 'server-only';
import type { ListModule } from '@/lib/server/action-api/query/types';

/** list=… (and generator=… for those that are generators), by name, as MediaWiki's $wgAPIListModules. */
export const LIST_MODULES: Readonly<Record<string, ListModule>> = {};
