import 'server-only';
import { createTranslator } from 'use-intl/core';
import { getSiteName } from '@/lib/server/site';
import { localeOfHeaders } from '@/lib/server/request-locale';
import { unsubscribe, unsubscribeTarget } from '@/lib/server/notifications/email-address';
import { CATALOGS } from '@/lib/i18n/catalogs';
import { escapeHtml } from '@/lib/domain/html.mjs';
import { UNSUBSCRIBE_PATH } from '@/lib/domain/notification-mail';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

/*
 * /w/email/unsubscribe (app/w/email/unsubscribe/route.ts): a small page of its own, outside the
 * wiki's layout, because a route handler must answer the POST of a mail client's one-click
 * unsubscribe, which carries no session and no Server Action id. GET shows the question and a
 * button; POST (that button, or the mail client) turns e-mail notifications off. An invalid token
 * gets 400 with a message, never an error page.
 */

const TOKEN_LIMIT = 100;

async function tokenOf(request: Request): Promise<string> {
  const fromQuery = new URL(request.url).searchParams.get('token');
  if (fromQuery !== null || request.method !== 'POST') return (fromQuery ?? '').slice(0, TOKEN_LIMIT);
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return '';
  const value = (await request.formData().catch(() => null))?.get('token');
  return typeof value === 'string' ? value.slice(0, TOKEN_LIMIT) : '';
}

export async function unsubscribeResponse(request: Request): Promise<Response> {
  const locale = localeOfHeaders(request.headers);
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: 'watchlist.email' });
  const site = await getSiteName();
  const token = await tokenOf(request);
  const page = (status: number, body: string) =>
    new Response(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(`${t('unsubscribeTitle')} – ${site}`)}</title></head><body><main><h1>${escapeHtml(t('unsubscribeTitle'))}</h1>${body}</main></body></html>`,
      {
        status,
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'private, no-store',
          'referrer-policy': 'no-referrer',
          'content-security-policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
        },
      },
    );
  const preferences = `<p><a href="${escapeHtml(specialPageHref('Preferences'))}">${escapeHtml(t('preferencesLink'))}</a></p>`;
  if (request.method === 'POST') {
    const done = await unsubscribe(token);
    if (!done) return page(400, `<p role="alert">${escapeHtml(t('unsubscribeInvalid'))}</p>`);
    return page(200, `<p role="status">${escapeHtml(t('unsubscribeDone', { user: done.name }))}</p>${preferences}`);
  }
  const target = await unsubscribeTarget(token);
  if (!target) return page(400, `<p role="alert">${escapeHtml(t('unsubscribeInvalid'))}</p>`);
  return page(
    200,
    `<form method="post" action="${escapeHtml(UNSUBSCRIBE_PATH)}"><input type="hidden" name="token" value="${escapeHtml(token)}"><p>${escapeHtml(t('unsubscribeQuestion', { site, user: target.name }))}</p><p><button type="submit">${escapeHtml(t('unsubscribeButton'))}</button></p></form>`,
  );
}
