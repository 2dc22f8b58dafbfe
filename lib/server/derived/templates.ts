import 'server-only';
import type { DerivedDataUpdater } from '@/lib/server/derived';
import { replaceLinkRows } from '@/lib/server/derived/links';

/**
 * Brings the page's template_links rows in line with what its latest text transcludes, directly or
 * through other templates (MediaWiki's LinksUpdate for templatelinks): the pages to render again
 * when a template changes (lib/server/templates/queue.ts), WhatLinksHere's transclusions and
 * Special:WantedTemplates. Runs inside the save transaction, as updatePageLinks.
 */
export const updateTemplateLinks: DerivedDataUpdater = (tx, page) => replaceLinkRows(tx, 'template_links', page.pageId, page.rendered.templates);
