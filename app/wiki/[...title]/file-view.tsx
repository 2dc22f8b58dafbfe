import { notFound, permanentRedirect } from 'next/navigation';
import { FilePageLead, FilePageTrail } from '@/components/files/FilePageSections';
import { loadFilePageScreen } from '@/lib/server/screens/file-page';
import type { SearchParams } from '@/lib/domain/query-params';
import type { ParsedTitle } from '@/lib/domain/titles';
import { readScreenContent } from './article-view';

/**
 * /wiki/File:Name: the description page with the file around it (MediaWiki's ImagePage). A File
 * page without text is the 404 (not-found.tsx), which offers the upload.
 */
export async function FilePageView({ title, query }: { title: ParsedTitle; query: SearchParams }) {
  const screen = await loadFilePageScreen(title, query);
  const { read } = screen;
  if (read.kind === 'missing') {
    if (read.caseVariant) permanentRedirect(read.caseVariant);
    notFound();
  }
  return readScreenContent(title, read, {
    lead: <FilePageLead lead={screen.lead} name={title.text} />,
    trail: screen.trail && <FilePageTrail trail={screen.trail} />,
  });
}
