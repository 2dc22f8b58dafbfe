import { useTranslations } from 'next-intl';
import type { TemplateUsage } from '@/lib/domain/template-usage';
import { titleToUrlPath } from '@/lib/domain/titles';
import { redLinkHref } from '@/lib/domain/wiki-hrefs';

/**
 * "Templates used on this page" under the edit form (MediaWiki's templatesUsed): each template a
 * link (red when missing), with its edit protection, so an editor sees what the page pulls in and
 * which of it only some people may change. `preview`: the list of the text just previewed.
 */
export function TemplatesUsed({ templates, preview = false }: { templates: readonly TemplateUsage[]; preview?: boolean }) {
  const t = useTranslations('edit.templatesUsed');
  const who = useTranslations('common.lock.who');
  if (templates.length === 0) return null;
  const headingId = preview ? 'templates-used-preview' : 'templates-used';
  return (
    <section className="templates-used" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(preview ? 'previewHeading' : 'heading')}</h2>
      <ul>
        {templates.map(({ title, exists, protection }) => (
          <li key={title.prefixedDbKey}>
            {exists ? (
              <a href={titleToUrlPath(title)}>{title.prefixedText}</a>
            ) : (
              <a href={redLinkHref(title)} className="new" title={t('missing', { title: title.prefixedText })}>
                {title.prefixedText}
              </a>
            )}
            {protection && ` ${t('protected', { who: who(protection) })}`}
          </li>
        ))}
      </ul>
    </section>
  );
}
