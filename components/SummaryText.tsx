import Link from '@/components/Link';
import { parseAutocomment } from '@/lib/domain/autocomment';

/**
 * An edit summary's text as MediaWiki shows it: a leading autocomment "/* Section *\/ rest" (a
 * section edit's summary) becomes a link "→Section" to the section on the page, then ": rest".
 * Without the page's path (a log comment) the summary is shown as written.
 */
export function SummaryText({ summary, pagePath }: { summary: string; pagePath?: string }) {
  const autocomment = pagePath === undefined ? null : parseAutocomment(summary);
  if (autocomment === null) return <>{summary}</>;
  return (
    <>
      <span className="autocomment">
        <Link href={`${pagePath}#${autocomment.anchor}`}>→{autocomment.section}</Link>
        {autocomment.rest !== '' && ': '}
      </span>
      {autocomment.rest}
    </>
  );
}
