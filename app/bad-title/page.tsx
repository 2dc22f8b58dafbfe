import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { errorMessage, englishText, type ErrorMessage } from '@/lib/domain/error-messages';
import { tryParseTitle } from '@/lib/domain/titles';
import { errorText } from '@/lib/i18n/error-text';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('errors.badTitle');
  return { title: t('title'), robots: { index: false } };
}

interface BadTitleProps {
  searchParams: Promise<{ title?: string; reason?: string }>;
}

/**
 * The rule the title breaks, as a catalog message. proxy.ts hands over the English reason; the
 * title is parsed again to know which rule it was, and only a reason that matches is translated.
 */
function ruleBroken(title: string, reason: string): ErrorMessage | null {
  const candidates: ErrorMessage[] = [errorMessage('title.invalidPercentEncoding')];
  const parsed = tryParseTitle(title);
  if (!parsed.ok) candidates.push(parsed.message);
  return candidates.find((candidate) => englishText(candidate) === reason) ?? null;
}

/** Shown with status 400 by proxy.ts for /wiki/ addresses whose title breaks a naming rule. */
export default async function BadTitlePage({ searchParams }: BadTitleProps) {
  const [{ title, reason }, t, locale] = await Promise.all([searchParams, getTranslations('errors.badTitle'), getLocale()]);
  const rule = title !== undefined && reason !== undefined ? ruleBroken(title, reason) : null;
  const shown = rule ? errorText(rule, locale) : (reason ?? t('defaultReason'));
  const code = (chunks: ReactNode) => <code>{chunks}</code>;
  return (
    <article className="article">
      <h1 className="article-title">{t('title')}</h1>
      <p className="notice notice-error">
        {title ? t.rich('invalidWithTitle', { title, reason: shown, code }) : t('invalid', { reason: shown })}
      </p>
      <p>{t.rich('rules', { characters: '# < > [ ] | { }', code, link: (chunks) => <a href="/wiki/Main_Page">{chunks}</a> })}</p>
    </article>
  );
}
