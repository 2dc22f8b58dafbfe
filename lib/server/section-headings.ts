import 'server-only';
import type { SectionHeading } from '@/lib/domain/markdown';
import { renderWithTimeLimit } from '@/lib/server/render';

/**
 * A text's section headings (lib/domain/sections.ts), read from a time-limited rendering: parsing
 * a long or crafted text costs as much as rendering it, so it must not run unbounded in the
 * server's thread. A text that cannot be formatted in time has no headings, as its page shows none.
 */
export async function sectionHeadings(text: string): Promise<SectionHeading[]> {
  return (await renderWithTimeLimit(text)).sections;
}
