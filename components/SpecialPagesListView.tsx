import Link from '@/components/Link';
import { useLocale, useTranslations } from 'next-intl';
import type enCommon from '@/messages/en/common.json';

/** MediaWiki's sections of Special:SpecialPages that this wiki has pages for. */
export type SpecialPageGroupName = keyof typeof enCommon.specialPages.groups;
type SpecialPageName = keyof typeof enCommon.specialPages.titles;

export interface SpecialPageGroup {
  group: SpecialPageGroupName;
  /** Canonical names ("RecentChanges"): each links to /wiki/Special:<name>. */
  pages: SpecialPageName[];
}

/**
 * Special:SpecialPages: every listed special page under its group heading, sorted by its title in
 * the reader's language as MediaWiki does. The groups come from the /wiki/ route's special-page registry,
 * so the list never names a page that does not exist.
 */
export function SpecialPagesListView({ groups }: { groups: SpecialPageGroup[] }) {
  const t = useTranslations('common.specialPages');
  const collator = new Intl.Collator(useLocale());
  return (
    <div className="special-pages-groups">
      {groups.map(({ group, pages }) => {
        const headingId = `special-pages-${group}`;
        const entries = pages.map((name) => ({ name, title: t(`titles.${name}`) })).sort((a, b) => collator.compare(a.title, b.title));
        return (
          <section key={group} className="special-pages-group" aria-labelledby={headingId}>
            <h2 id={headingId}>{t(`groups.${group}`)}</h2>
            <ul>
              {entries.map(({ name, title }) => (
                <li key={name}>
                  <Link href={`/wiki/Special:${name}`}>{title}</Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
