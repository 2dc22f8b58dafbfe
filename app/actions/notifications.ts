'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { digitsParam } from '@/lib/domain/query-params';
import { safeNotificationsReturn } from '@/lib/domain/notification-display';
import { getActor } from '@/lib/server/session';
import { markAllNotificationsRead, markNotifications } from '@/lib/server/notifications/store';
import { MAX_DATABASE_INTEGER } from '@/lib/domain/database-integer';

/*
 * Special:Notifications' buttons: one-button forms that work without JavaScript. Each goes back to
 * the view it came from (`returnTo`, only ever Special:Notifications with its own query), and
 * revalidates the root layout so that the header's count is the new one with JavaScript as well.
 */

/** "Mark as read" / "Mark as unread" on one item (`id`, `read` = "1" or "0"); an id that is not the reader's changes nothing. */
export async function submitNotificationMark(formData: FormData): Promise<void> {
  const id = digitsParam(formData.get('id')?.toString(), 10);
  const read = formData.get('read') === '1';
  // Called even without a usable id, so that an anonymous post is refused like any other.
  await markNotifications(await getActor(), id !== null && id <= MAX_DATABASE_INTEGER ? [id] : [], read);
  revalidatePath('/', 'layout');
  redirect(safeNotificationsReturn(formData.get('returnTo')));
}

/** "Mark all as read". */
export async function submitMarkAllNotificationsRead(formData: FormData): Promise<void> {
  await markAllNotificationsRead(await getActor());
  revalidatePath('/', 'layout');
  redirect(safeNotificationsReturn(formData.get('returnTo')));
}
