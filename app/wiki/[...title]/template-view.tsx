import { notFound, permanentRedirect } from 'next/navigation';
import { PendingRerendersNotice, TemplateDocumentation } from '@/components/templates/TemplatePageSections';
import { loadTemplatePageScreen } from '@/lib/server/screens/template-page';
import type { SearchParams } from '@/lib/domain/query-params';
import type { ParsedTitle } from '@/lib/domain/titles';
import { readScreenContent } from './article-view';

/** /wiki/Template:Name: the template as a page, the pages still waiting for its latest text, its documentation under it. */
export async function TemplatePageView({ title, query }: { title: ParsedTitle; query: SearchParams }) {
  const { read, doc, pending } = await loadTemplatePageScreen(title, query);
  if (read.kind === 'missing') {
    if (read.caseVariant) permanentRedirect(read.caseVariant);
    notFound();
  }
  const mayEdit = read.article.kind !== 'follow' && read.article.access.mayEdit;
  return readScreenContent(title, read, {
    lead: <PendingRerendersNotice count={pending} />,
    trail: doc && <TemplateDocumentation doc={doc} mayEdit={mayEdit} />,
  });
}
