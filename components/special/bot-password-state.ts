import type { FormState } from '@/lib/domain/form-state';

/** The fields of Special:BotPasswords' forms as typed: the bot name and the ticked grants. */
export interface BotPasswordValues {
  appId: string;
  grants: string[];
}

/** A password just made or reset: shown once, with the exact name to sign in with. */
export interface IssuedBotPasswordView {
  appId: string;
  loginName: string;
  password: string;
}

export interface BotPasswordFormState extends FormState<BotPasswordValues> {
  /** Create and reset: the new password, shown this once. */
  issued?: IssuedBotPasswordView;
  /** The grants form: saved. */
  saved?: boolean;
  /** The delete form: done. */
  deleted?: boolean;
}

/** The form data as typed: grants are repeated "grants" fields, one per ticked box. */
export function botPasswordValues(formData: FormData): BotPasswordValues {
  const appId = formData.get('appId');
  return {
    appId: typeof appId === 'string' ? appId : '',
    grants: formData.getAll('grants').filter((grant): grant is string => typeof grant === 'string'),
  };
}
