import { useTranslations } from 'next-intl';

/** MediaWiki's "View source": the page's text, read-only, for someone who may not edit it. */
export function ViewSource({ text }: { text: string }) {
  const t = useTranslations('edit.viewSource');
  return (
    <div className="view-source">
      <p>{t('intro')}</p>
      <label htmlFor="view-source-text">{t('label')}</label>
      <textarea id="view-source-text" className="view-source-text" readOnly rows={25} defaultValue={text} />
    </div>
  );
}
