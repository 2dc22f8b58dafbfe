'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { BlockFormState, BlockFormValues } from '@/lib/domain/form-fields';
import { ExpiryField, FieldError, FormError, ReasonField } from '@/components/AdminFormParts';

/** Special:Block's form: user, expiry, sitewide or some pages only, reason. */
export function BlockForm({
  initial,
  maxPages,
  action,
}: {
  initial: BlockFormValues;
  /** Passed in rather than imported: lib/domain/blocks.ts pulls the username rules (and their word list) along. */
  maxPages: number;
  action: (state: BlockFormState, formData: FormData) => Promise<BlockFormState>;
}) {
  const t = useTranslations('admin.block');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const { values } = state;
  const errors = state.fieldErrors ?? {};
  // key: a returned state remounts the inputs so they show the values handed back.
  return (
    <form action={formAction} className="admin-form block-form" key={JSON.stringify(values)} noValidate>
      <FormError message={state.formError} />
      <p>
        <label htmlFor="block-target">{t('user')}</label>
        <input
          id="block-target"
          name="target"
          type="text"
          defaultValue={values.target}
          required
          aria-invalid={errors.target ? true : undefined}
          aria-describedby={errors.target ? 'block-target-error' : undefined}
        />
        <FieldError id="block-target-error" message={errors.target} />
      </p>
      <ExpiryField id="block-expiry" value={values.expiry} error={errors.expiry} />
      <fieldset>
        <legend>{t('editing')}</legend>
        <label>
          <input type="radio" name="scope" value="sitewide" defaultChecked={values.scope !== 'partial'} /> {t('sitewide')}
        </label>
        <label>
          <input type="radio" name="scope" value="partial" defaultChecked={values.scope === 'partial'} /> {t('partial')}
        </label>
        <p>
          <label htmlFor="block-pages">{t('pages', { max: maxPages })}</label>
          <textarea
            id="block-pages"
            name="pages"
            rows={4}
            defaultValue={values.pages}
            aria-invalid={errors.pages ? true : undefined}
            aria-describedby={errors.pages ? 'block-pages-error' : undefined}
          />
          <FieldError id="block-pages-error" message={errors.pages ?? errors.scope} />
        </p>
      </fieldset>
      <ReasonField id="block-reason" value={values.reason} error={errors.reason} />
      <p>
        <button type="submit" className="button-primary" disabled={pending}>
          {t('submit')}
        </button>
      </p>
    </form>
  );
}
