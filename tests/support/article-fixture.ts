import { renderMarkdown } from '@/lib/domain/markdown';
import type { ArticleView } from '@/lib/domain/wiki';

/** The ECPAT article (page 1, revision 7 by "Wiki import") showing `source`, as the article loader gives it. */
export function articleShowing(source: string): ArticleView {
  const rendered = renderMarkdown(source);
  return {
    page: { id: 1, namespace: 0, dbKey: 'ECPAT', displayTitle: 'ECPAT', latestRevisionId: 7 },
    revision: {
      id: 7,
      pageId: 1,
      parentId: null,
      author: { id: 3, name: 'Wiki import' },
      summary: '',
      minor: false,
      size: source.length,
      sha1: '0'.repeat(40),
      createdAt: new Date('2026-11-28T09:05:00Z'),
    },
    html: rendered.html,
    toc: rendered.toc,
  };
}
