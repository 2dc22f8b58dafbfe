import { useTranslations } from 'next-intl';
import { TEMPLATE_SANDBOX_FIELD, type EditFormState } from '@/lib/domain/edit-form';
import { PreviewPane } from '@/components/edit/PreviewPane';
import { TemplatesUsed } from '@/components/edit/TemplatesUsed';

/**
 * Editing a template: "Preview a page with this template" (MediaWiki's TemplateSandbox). The
 * editor names a page; the preview shows that page's current text rendered with the template as
 * it is in the form, before anything is saved. Without JavaScript it is an ordinary form submit.
 */
export function TemplateSandboxField({ sandbox, error, disabled }: { sandbox: EditFormState['sandbox']; error?: string; disabled: boolean }) {
  const t = useTranslations('edit.sandbox');
  return (
    <fieldset className="template-sandbox">
      <legend>{t('legend')}</legend>
      <label htmlFor="wpTemplateSandboxPage">{t('page')}</label>{' '}
      <input
        id="wpTemplateSandboxPage"
        name={TEMPLATE_SANDBOX_FIELD}
        type="text"
        defaultValue={sandbox?.page ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'template-sandbox-error' : undefined}
      />{' '}
      <button type="submit" name="intent" value="preview-with-template" disabled={disabled}>
        {t('button')}
      </button>
      {error && (
        <p id="template-sandbox-error" className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The page previewed with the edited template, and the templates that rendering used. */
export function TemplateSandboxPreview({ sandbox }: { sandbox: EditFormState['sandbox'] }) {
  const t = useTranslations('edit.sandbox');
  if (sandbox?.html === undefined) return null;
  return (
    <>
      <PreviewPane html={sandbox.html} heading={t('previewHeading', { title: sandbox.page })} headingId="template-sandbox-heading" />
      <TemplatesUsed templates={sandbox.templates ?? []} preview />
    </>
  );
}
