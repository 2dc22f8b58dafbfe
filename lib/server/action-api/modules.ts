import 'server-only';
import type { ApiModule } from '@/lib/server/action-api/module';
import { openSearchModule } from '@/lib/server/action-api/opensearch';
import { WRITE_MODULES } from '@/lib/server/action-api/write-modules';
import { loginModule, logoutModule } from '@/lib/server/action-api/login';
import { queryModule } from '@/lib/server/action-api/query/main';

/**
 * The actions of /w/api.php (MediaWiki's $wgAPIModules). A new action is its own module file and
 * one line here; docs/action-api.md lists what each answers.
 */
export const API_MODULES: Readonly<Record<string, ApiModule>> = {
  opensearch: openSearchModule,
  ...WRITE_MODULES,
  login: loginModule,
  logout: logoutModule,
  query: queryModule,
};
