import 'server-only';
import { openSearchAction } from '@/lib/server/opensearch';
import type { ApiModule } from '@/lib/server/action-api/module';

/** action=opensearch: its own answer shape ([query, titles, descriptions, urls]), not the API envelope. */
export const openSearchModule: ApiModule = {
  async run({ request, params }) {
    const forwarded = new URLSearchParams();
    for (const name of ['search', 'limit', 'namespace']) {
      const value = params.string(name);
      if (value !== undefined) forwarded.set(name, value);
    }
    // Accepted as MediaWiki's ApiOpenSearch accepts them; title prefix search has nothing they would change.
    for (const name of ['suggest', 'redirects', 'profile', 'warningsaserror']) params.has(name);
    return openSearchAction(request, forwarded);
  },
};
