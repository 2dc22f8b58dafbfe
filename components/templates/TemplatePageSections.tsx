import { useId } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { ArticleBody } from '@/components/ArticleBody';
import type { TemplateDocumentation as TemplateDocumentationModel } from '@/lib/domain/template-usage';
import { titleToUrlPath } from '@/lib/domain/titles';

/**
 * Above a template's text: how many pages using it still wait to be rendered again after its last
 * change (the background queue, docs/templates.md). Nothing when none wait.
 */
export function PendingRerendersNotice({ count }: { count: number }) {
  const t = useTranslations('article.template');
  const format = useFormatter();
  if (count <= 0) return null;
  return (
    <p className="notice template-pending" role="status">
      {t('pending', { count, formatted: format.number(count) })}
    </p>
  );
}

/**
 * Under a template's text: its documentation, the `/doc` subpage ({{Documentation}} convention),
 * with links to read, edit and see the history of that page; or an invitation to write it.
 */
export function TemplateDocumentation({ doc, mayEdit }: { doc: TemplateDocumentationModel; mayEdit: boolean }) {
  const t = useTranslations('article.template');
  const path = titleToUrlPath(doc.title);
  const headingId = useId();
  return (
    <section className="template-documentation" aria-labelledby={headingId}>
      <div className="template-documentation-header">
        <h2 id={headingId}>{t('documentation')}</h2>
        {doc.html !== null && (
          <span className="template-documentation-links">
            [<a href={path}>{t('view')}</a>]
            {mayEdit && (
              <>
                {' '}
                [<a href={`${path}?action=edit`}>{t('edit')}</a>]
              </>
            )}{' '}
            [<a href={`${path}?action=history`}>{t('history')}</a>]
          </span>
        )}
      </div>
      {doc.html === null ? (
        <p>
          {t('noDocumentation')}{' '}
          {mayEdit && (
            <a href={`${path}?action=edit&redlink=1`} className="new">
              {t('createDocumentation', { title: doc.title.prefixedText })}
            </a>
          )}
        </p>
      ) : (
        <>
          <ArticleBody html={doc.html} />
          <p className="template-documentation-source">{t.rich('shownFrom', { title: doc.title.prefixedText, link: (chunks) => <a href={path}>{chunks}</a> })}</p>
        </>
      )}
    </section>
  );
}
