import Link from '@/components/Link';
import { titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';

/** The pages a partial block covers, comma-separated, each linked when its title is valid. */
export function BlockedPages({ titles }: { titles: string[] }) {
  return (
    <>
      {titles.map((title, index) => {
        const parsed = tryParseTitle(title);
        return (
          <span key={title}>
            {index > 0 && ', '}
            {parsed.ok ? <Link href={titleToUrlPath(parsed.title)}>{title}</Link> : title}
          </span>
        );
      })}
    </>
  );
}
