'use client';

import dynamic from 'next/dynamic';

/**
 * The forms of `app/wiki/[...title]`, each in a chunk of its own. Every view of a wiki address is
 * one Next.js route, and Turbopack gives a route one group of client chunks: a static import of
 * the edit form, the upload form or the block form from a server view put them (and zod, which
 * they share with the server actions) in every reader's first download, about 60 KB compressed,
 * although a reader sees none of them. Through these wrappers a form's code is fetched only by a
 * page that renders it; it is still rendered on the server (the forms work without JavaScript), and
 * Next.js preloads the chunk with the page, so hydration does not wait for a second round trip.
 *
 * Server views import the forms from here; tests import the forms themselves.
 */
export const AddTopicForm = dynamic(() => import('./AddTopicForm').then((module) => module.AddTopicForm));
export const BlockForm = dynamic(() => import('./BlockForm').then((module) => module.BlockForm));
export const BotPasswordCreateForm = dynamic(() => import('./special/BotPasswordForms').then((module) => module.BotPasswordCreateForm));
export const BotPasswordDeleteForm = dynamic(() => import('./special/BotPasswordForms').then((module) => module.BotPasswordDeleteForm));
export const BotPasswordGrantsForm = dynamic(() => import('./special/BotPasswordForms').then((module) => module.BotPasswordGrantsForm));
export const BotPasswordResetForm = dynamic(() => import('./special/BotPasswordForms').then((module) => module.BotPasswordResetForm));
export const ChangePasswordForm = dynamic(() => import('./special/ChangePasswordForm').then((module) => module.ChangePasswordForm));
export const CreateAccountForm = dynamic(() => import('./special/CreateAccountForm').then((module) => module.CreateAccountForm));
export const DeletePageForm = dynamic(() => import('./DeletePageForm').then((module) => module.DeletePageForm));
export const EditForm = dynamic(() => import('./EditForm').then((module) => module.EditForm));
export const FileRevertForm = dynamic(() => import('./files/FileRevertForm').then((module) => module.FileRevertForm));
export const FileVersionHideForm = dynamic(() => import('./files/FileVersionHideForm').then((module) => module.FileVersionHideForm));
export const MovePageForm = dynamic(() => import('./MovePageForm').then((module) => module.MovePageForm));
export const ProtectForm = dynamic(() => import('./ProtectForm').then((module) => module.ProtectForm));
export const RevertButton = dynamic(() => import('./RevertButton').then((module) => module.RevertButton));
export const RevisionDeleteForm = dynamic(() => import('./RevisionDeleteForm').then((module) => module.RevisionDeleteForm));
export const SignInForm = dynamic(() => import('./special/SignInForm').then((module) => module.SignInForm));
export const UndeleteForm = dynamic(() => import('./UndeleteForm').then((module) => module.UndeleteForm));
export const UnblockForm = dynamic(() => import('./UnblockForm').then((module) => module.UnblockForm));
export const UploadForm = dynamic(() => import('./files/UploadForm').then((module) => module.UploadForm));
export const UserRightsForm = dynamic(() => import('./UserRightsForm').then((module) => module.UserRightsForm));
