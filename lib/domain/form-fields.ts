/**
 * Each web form's fields and state: what its Server Action reads from the form data and hands back
 * (app/actions/), and what its component shows (components/). The zod schemas that check the
 * values are in lib/domain/schemas.ts and next to their domain (blocks.ts, deletion.ts, …).
 *
 * Kept free of runtime imports: client components import the limits below for their inputs'
 * maxLength, and nothing else comes along into the browser.
 */
import type { FormState, NoValues } from '@/lib/domain/form-state';
import type { ProtectFormValues } from '@/lib/domain/protection';

/** Special:MovePage's reason field (the input's maxLength, and the schema's limit). */
export const MAX_MOVE_REASON_CHARS = 400;
/** A section heading is one line of a title's length (Add topic's subject). */
export const MAX_TOPIC_SUBJECT_CHARS = 255;

export const BLOCK_FIELDS = ['target', 'expiry', 'reason', 'scope', 'pages'] as const;
export type BlockFormValues = Record<(typeof BLOCK_FIELDS)[number], string>;
export type BlockFormState = FormState<BlockFormValues>;

export const UNBLOCK_FIELDS = ['target', 'reason'] as const;
export type UnblockFormValues = Record<(typeof UNBLOCK_FIELDS)[number], string>;
export type UnblockFormState = FormState<UnblockFormValues>;

export const USER_RIGHTS_FIELDS = ['target', 'role', 'bot', 'reason'] as const;
export type UserRightsFormValues = Record<(typeof USER_RIGHTS_FIELDS)[number], string>;
export type UserRightsFormState = FormState<UserRightsFormValues>;

export const DELETE_FIELDS = ['title', 'reason', 'deleteTalk', 'latestRevisionId'] as const;
export type DeleteFormValues = Record<(typeof DELETE_FIELDS)[number], string>;
export type DeleteFormState = FormState<DeleteFormValues>;

export const UNDELETE_FIELDS = ['title', 'reason', 'newestArchivedId'] as const;
export type UndeleteFormValues = Record<(typeof UNDELETE_FIELDS)[number], string>;
export type UndeleteFormState = FormState<UndeleteFormValues>;

export const REVISION_DELETE_FIELDS = ['target', 'revisionId', 'hideText', 'hideSummary', 'hideAuthor', 'reason', 'seenHidden', 'latestRevisionId'] as const;
export type RevisionDeleteFormValues = Record<(typeof REVISION_DELETE_FIELDS)[number], string>;
export type RevisionDeleteFormState = FormState<RevisionDeleteFormValues>;

/** action=protect's fields (its values and state are lib/domain/protection.ts's, beside its rules). */
export const PROTECT_FIELDS = [
  'title',
  'editLevel',
  'moveLevel',
  'editExpiry',
  'editExpiryOther',
  'moveExpiry',
  'moveExpiryOther',
  'uploadLevel',
  'uploadExpiry',
  'uploadExpiryOther',
  'reason',
  'baseToken',
] as const satisfies readonly (keyof ProtectFormValues)[];

export interface MoveFormValues {
  from: string;
  to: string;
  reason: string;
  leaveRedirect: boolean;
  moveTalk: boolean;
  /** The latest revision when the form was shown: the move is refused if the page changed meanwhile. */
  baseRevisionId: string;
}
export type MoveFormState = FormState<MoveFormValues>;

export const NEW_TOPIC_FIELDS = ['title', 'subject', 'content'] as const;
export type NewTopicFormValues = Record<(typeof NEW_TOPIC_FIELDS)[number], string>;
export type NewTopicFormState = FormState<NewTopicFormValues>;

/** Restore and rollback: one button, nothing typed to hand back. */
export type RevertState = FormState<NoValues>;

export const CREATE_ACCOUNT_FIELDS = ['username', 'password', 'passwordConfirm', 'returnTo'] as const;
/** Only the username comes back: passwords are never sent back by the server. */
export interface CreateAccountState extends FormState<{ username: string }> {
  /** Set once the account exists; the form then signs in with the typed password. */
  created?: { username: string; returnTo: string };
}

export const CHANGE_PASSWORD_FIELDS = ['currentPassword', 'password', 'passwordConfirm'] as const;
export interface ChangePasswordState extends FormState<NoValues> {
  /** Set once the password changed: every session ended, so the form signs in again with the new one. */
  changed?: { username: string };
}
