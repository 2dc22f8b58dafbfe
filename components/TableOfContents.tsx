import { useTranslations } from 'next-intl';
import type { TocEntry } from '@/lib/domain/wiki';

/** Headings as a nested, numbered outline (1, 1.1, 2…) like MediaWiki's TOC. */
export function TableOfContents({ entries }: { entries: TocEntry[] }) {
  const t = useTranslations('article.toc');
  const tNotes = useTranslations('article.footnotes');
  const numbers = numberHeadings(entries);
  return (
    <nav className="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading">{t('heading')}</h2>
      <ol>
        {entries.map((entry, index) => (
          <li key={entry.id} className={`toc-level-${Math.min(entry.depth - 1, 4)}`}>
            <a href={`#${entry.id}`}>
              {/* The notes heading is the renderer's, in English (see lib/domain/footnote-labels.ts). */}
              <span className="toc-number">{numbers[index]}</span> {isNotesHeading(entry) ? tNotes('heading') : entry.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The renderer's own notes heading (a written "References" heading gets the id "references"). */
function isNotesHeading(entry: TocEntry): boolean {
  return entry.id === 'footnote-label' && entry.text === 'References';
}

function numberHeadings(entries: TocEntry[]): string[] {
  const top = Math.min(...entries.map((entry) => entry.depth));
  const counters: number[] = [];
  return entries.map((entry) => {
    const level = entry.depth - top;
    counters.length = level + 1;
    for (let i = 0; i < level; i++) counters[i] ??= 1;
    counters[level] = (counters[level] ?? 0) + 1;
    return counters.join('.');
  });
}
