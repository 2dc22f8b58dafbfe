'use server';

import { botPasswordDeleteSchema, botPasswordSchema, botPasswordTargetSchema } from '@/lib/domain/bot-passwords';
import { createBotPassword, deleteBotPassword, resetBotPassword, updateBotPasswordGrants } from '@/lib/server/bot-passwords';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';
import { botPasswordValues, type BotPasswordFormState } from '@/components/special/bot-password-state';

/*
 * Special:BotPasswords' forms. Each takes the actor from the browser session: a bot password
 * session never reaches these (it has no web session), and lib/server/bot-passwords.ts refuses
 * any actor with grants all the same.
 */

export async function createBotPasswordAction(_previous: BotPasswordFormState, formData: FormData): Promise<BotPasswordFormState> {
  return runFormAction({
    values: botPasswordValues(formData),
    schema: botPasswordSchema,
    async run(input) {
      const issued = await createBotPassword(await getActor(), input);
      // The form starts empty again for the next one; the new password is shown above it.
      return { values: { appId: '', grants: [] }, issued };
    },
  });
}

export async function updateBotPasswordGrantsAction(_previous: BotPasswordFormState, formData: FormData): Promise<BotPasswordFormState> {
  return runFormAction({
    values: botPasswordValues(formData),
    schema: botPasswordSchema,
    async run(input) {
      const saved = await updateBotPasswordGrants(await getActor(), input);
      return { values: { appId: saved.appId, grants: saved.grants }, saved: true };
    },
  });
}

export async function resetBotPasswordAction(_previous: BotPasswordFormState, formData: FormData): Promise<BotPasswordFormState> {
  return runFormAction({
    values: botPasswordValues(formData),
    schema: botPasswordTargetSchema,
    refused: 'first-problem',
    async run(input, { values }) {
      return { values, issued: await resetBotPassword(await getActor(), input.appId) };
    },
  });
}

export async function deleteBotPasswordAction(_previous: BotPasswordFormState, formData: FormData): Promise<BotPasswordFormState> {
  return runFormAction({
    values: botPasswordValues(formData),
    schema: botPasswordDeleteSchema,
    input: { appId: formData.get('appId') ?? '', confirm: formData.get('confirm') },
    refused: 'first-problem',
    async run(input, { values }) {
      await deleteBotPassword(await getActor(), input.appId);
      return { values, deleted: true };
    },
  });
}
