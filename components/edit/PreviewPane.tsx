'use client';

import type { Ref } from 'react';
import { useTranslations } from 'next-intl';
import { ArticleBody } from '@/components/ArticleBody';
import type { PreviewLayoutChoice } from '@/components/edit/usePreviewLayout';
import './preview-layout.css';

/**
 * The edit form's preview, below the form or (with JavaScript, on a wide screen) in a column of
 * its own beside the text, where it scrolls by itself: then it is a Tab stop, so that keyboard
 * users can scroll it too (axe: scrollable-region-focusable).
 */
export function PreviewPane({
  html,
  beside = false,
  paneRef,
  heading,
  headingId = 'preview-heading',
}: {
  html: string;
  beside?: boolean;
  paneRef?: Ref<HTMLElement>;
  /** Another heading than "Preview" (a page previewed with the template being edited), with its own id. */
  heading?: string;
  headingId?: string;
}) {
  const t = useTranslations('edit.form');
  return (
    <section ref={paneRef} className={beside ? 'preview preview-beside' : 'preview'} aria-labelledby={headingId} tabIndex={beside ? 0 : undefined}>
      <h2 id={headingId}>{heading ?? t('previewHeading')}</h2>
      <p className="preview-note">{t('previewNote')}</p>
      <ArticleBody html={html} />
    </section>
  );
}

/** The layout toggle: rendered only once scripts run (the choice needs them), remembered by the browser. */
export function PreviewLayoutToggle({ choice }: { choice: PreviewLayoutChoice }) {
  const t = useTranslations('edit.form');
  if (choice.layout === null) return null;
  return (
    <>
      <input id="wpPreviewBeside" type="checkbox" checked={choice.layout === 'beside'} onChange={(event) => choice.setLayout(event.target.checked ? 'beside' : 'below')} />
      <label htmlFor="wpPreviewBeside">{t('previewBeside')}</label>
    </>
  );
}
