'use client';

import { useActionState, useId } from 'react';
import { useTranslations } from 'next-intl';
import { GRANTS, type Grant } from '@/lib/domain/bot-passwords';
import type { FormAction } from '@/lib/domain/form-state';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';
import { AdminForm, FieldError, LabelledField, type AdminFormHandle } from '@/components/AdminFormParts';
import Link from '@/components/Link';
import type { BotPasswordFormState, BotPasswordValues, IssuedBotPasswordView } from '@/components/special/bot-password-state';

/*
 * The forms of Special:BotPasswords (MediaWiki's): create (a bot name and its grants), and for one
 * bot password its grants, a new password, and deletion behind a confirmation box. Plain forms:
 * they work without JavaScript and from the keyboard.
 */

type Action = FormAction<BotPasswordFormState>;

/** Grants whose effect depends on the account, which their label alone does not say. */
const HINTED_GRANTS = ['highvolume', 'delete', 'protect', 'blockusers', 'rollback'] as const;
type HintedGrant = (typeof HINTED_GRANTS)[number];

function isHinted(grant: Grant): grant is HintedGrant {
  return (HINTED_GRANTS as readonly Grant[]).includes(grant);
}

function useBotPasswordForm(action: Action, initial: BotPasswordValues): { state: BotPasswordFormState; form: AdminFormHandle } {
  const [state, formAction, pending] = useActionState(action, { values: initial });
  return { state, form: { action: formAction, state, pending } };
}

/** The grant checkboxes; "basic" is always included, so it is shown ticked and cannot be unticked. */
function GrantCheckboxes({ checked, error }: { checked: readonly string[]; error?: string }) {
  const t = useTranslations('account.botPasswords');
  const hintId = useId();
  return (
    <fieldset aria-describedby={error ? `grants-error` : hintId}>
      <legend>{t('grantsLegend')}</legend>
      <p id={hintId} className="field-hint">
        {t('grantsHint')}
      </p>
      {GRANTS.map((grant) => (
        <p key={grant}>
          <label>
            {grant === 'basic' ? (
              <input type="checkbox" checked disabled readOnly />
            ) : (
              <input type="checkbox" name="grants" value={grant} defaultChecked={checked.includes(grant)} />
            )}{' '}
            {t(`grants.${grant}`)}
          </label>
          {isHinted(grant) && <span className="field-hint"> ({t(`grantHints.${grant}`)})</span>}
        </p>
      ))}
      <FieldError id="grants-error" message={error} />
    </fieldset>
  );
}

/** A new password, once: the exact login name beside it, and the warning to copy it now. */
export function IssuedPassword({ issued, heading }: { issued: IssuedBotPasswordView; heading: string }) {
  const t = useTranslations('account.botPasswords');
  return (
    <div className="notice bot-password-issued" role="status">
      <p>{heading}</p>
      <p>
        <label htmlFor="bot-login-name">{t('loginName')}</label>
        <input id="bot-login-name" type="text" readOnly value={issued.loginName} size={40} onFocus={(event) => event.currentTarget.select()} />
      </p>
      <p>
        <label htmlFor="bot-password">{t('password')}</label>
        <input
          id="bot-password"
          type="text"
          readOnly
          value={issued.password}
          size={40}
          className="bot-password-secret"
          aria-describedby="bot-password-once"
          onFocus={(event) => event.currentTarget.select()}
        />
      </p>
      <p id="bot-password-once">
        <strong>{t('shownOnce')}</strong> {t('usage')}
      </p>
    </div>
  );
}

export function BotPasswordCreateForm({ userName, action }: { userName: string; action: Action }) {
  const t = useTranslations('account.botPasswords');
  const { state, form } = useBotPasswordForm(action, { appId: '', grants: [] });
  const errors = state.fieldErrors ?? {};
  return (
    <>
      {state.issued && <IssuedPassword issued={state.issued} heading={t('created', { appId: state.issued.appId })} />}
      <AdminForm form={form} className="admin-form bot-password-form" submit={{ label: t('create') }}>
        <LabelledField id="bot-app-id" label={t('appId')} error={errors.appId} hint={t('appIdHint', { user: userName })}>
          {(aria) => <input id="bot-app-id" name="appId" type="text" maxLength={32} defaultValue={state.values.appId} required {...aria} />}
        </LabelledField>
        <GrantCheckboxes checked={state.values.grants} error={errors.grants} />
      </AdminForm>
    </>
  );
}

/** One bot password's grants, as saved (`grants`), with its name carried in a hidden field. */
export function BotPasswordGrantsForm({ appId, grants, action }: { appId: string; grants: string[]; action: Action }) {
  const t = useTranslations('account.botPasswords');
  const { state, form } = useBotPasswordForm(action, { appId, grants });
  return (
    <AdminForm form={form} className="admin-form bot-password-form" hidden={{ appId }} submit={{ label: t('saveGrants') }}>
      {state.saved && (
        <p className="notice" role="status">
          {t('grantsSaved')}
        </p>
      )}
      <GrantCheckboxes checked={state.values.grants} error={state.fieldErrors?.grants} />
    </AdminForm>
  );
}

export function BotPasswordResetForm({ appId, action }: { appId: string; action: Action }) {
  const t = useTranslations('account.botPasswords');
  const { state, form } = useBotPasswordForm(action, { appId, grants: [] });
  return (
    <>
      {state.issued && <IssuedPassword issued={state.issued} heading={t('resetDone', { appId })} />}
      <AdminForm form={form} className="admin-form bot-password-reset-form" hidden={{ appId }} submit={{ label: t('resetSubmit') }}>
        <p>{t('resetIntro')}</p>
      </AdminForm>
    </>
  );
}

/** Deletion needs its box ticked (checked again on the server), as the wiki's other destructive forms confirm first. */
export function BotPasswordDeleteForm({ appId, action }: { appId: string; action: Action }) {
  const t = useTranslations('account.botPasswords');
  const { state, form } = useBotPasswordForm(action, { appId, grants: [] });
  if (state.deleted) {
    return (
      <p className="notice" role="status">
        {t('deleted', { appId })} <Link href={specialPageHref('BotPasswords')}>{t('back')}</Link>
      </p>
    );
  }
  return (
    <AdminForm form={form} className="admin-form bot-password-delete-form" hidden={{ appId }} submit={{ label: t('deleteSubmit'), className: 'button-destructive' }}>
      <p>{t('deleteIntro')}</p>
      <p>
        <label>
          <input type="checkbox" name="confirm" value="yes" required /> {t('deleteConfirm', { appId })}
        </label>
      </p>
    </AdminForm>
  );
}
