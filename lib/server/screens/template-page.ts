import 'server-only';
import { getArticle } from '@/lib/server/pages';
import { limitPageCacheLifetime } from '@/lib/server/page-cache';
import { pendingRerenders } from '@/lib/server/templates/queue';
import { loadReadScreen, type ReadScreen } from '@/lib/server/screens/wiki-page';
import { documentationTitleOf, type TemplateDocumentation } from '@/lib/domain/template-usage';
import type { SearchParams } from '@/lib/domain/query-params';
import type { ParsedTitle } from '@/lib/domain/titles';

/** While pages still wait, a cached copy of the template page (and its count) lives this long at most. */
const PENDING_COUNT_LIFETIME_MS = 5_000;

export interface TemplatePageScreen {
  read: ReadScreen;
  /** Its `/doc` subpage, shown under it; null on a documentation page itself. */
  doc: TemplateDocumentation | null;
  /** Pages using it that wait to be rendered again with its latest text. */
  pending: number;
}

/** /wiki/Template:Name: the template's own text, its documentation and the re-rendering still to do. */
export async function loadTemplatePageScreen(title: ParsedTitle, query: SearchParams): Promise<TemplatePageScreen> {
  const docTitle = documentationTitleOf(title);
  const [read, doc, pending] = await Promise.all([loadReadScreen(title, query), docTitle ? getArticle(docTitle) : null, pendingRerenders(title)]);
  // The count changes without any write to this page: a cached copy must not keep showing it.
  if (pending > 0) limitPageCacheLifetime(new Date(Date.now() + PENDING_COUNT_LIFETIME_MS));
  return { read, doc: docTitle ? { title: docTitle, html: doc?.html ?? null } : null, pending };
}
