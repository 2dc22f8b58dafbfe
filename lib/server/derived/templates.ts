import 'server-only';
import type { DerivedDataUpdater } from '@/lib/server/derived';

/**
 * Brings the page's template_links rows in line with what its latest text transcludes, directly or
 * through other templates (MediaWiki's LinksUpdate for templatelinks): the pages to render again
 * when a template changes (lib/server/templates/queue.ts), WhatLinksHere's transclusions and
 * Special:WantedTemplates. Runs inside the save transaction, as updatePageLinks, writing only the
 * difference in two set-based statements.
 */
export const updateTemplateLinks: DerivedDataUpdater = async (tx, page) => {
  const namespaces = page.rendered.templates.map((template) => template.namespace);
  const titles = page.rendered.templates.map((template) => template.dbKey);
  await tx.$executeRaw`
    DELETE FROM template_links l
    WHERE l.from_page_id = ${page.pageId}
      AND NOT EXISTS (
        SELECT 1 FROM unnest(${namespaces}::int[], ${titles}::text[]) AS t(namespace, title)
        WHERE t.namespace = l.to_namespace AND t.title = l.to_title
      )`;
  if (titles.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO template_links (from_page_id, to_namespace, to_title)
    SELECT ${page.pageId}, t.namespace, t.title FROM unnest(${namespaces}::int[], ${titles}::text[]) AS t(namespace, title)
    ON CONFLICT DO NOTHING`;
};
