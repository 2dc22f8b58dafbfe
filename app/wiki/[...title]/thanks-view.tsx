import Link from '@/components/Link';
import { getLocale, getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { RevertButton } from '@/components/LazyForms';
import { submitThanks } from '@/app/actions/thanks';
import { loadThanksScreen } from '@/lib/server/screens/thanks';
import { errorText } from '@/lib/i18n/error-text';
import { diffHref, userPageHref } from '@/lib/domain/history';
import { titleToUrlPath } from '@/lib/domain/titles';

/** Special:Thanks/<revision id>: "Send thanks for this edit by <User> to <Page>?" and one button (MediaWiki's Thanks). */
export async function ThanksView({ subpage }: { subpage: string | null }) {
  const [screen, t, locale] = await Promise.all([loadThanksScreen(subpage), getTranslations('history.thanks'), getLocale()]);
  if (screen.kind === 'denied') return <PermissionNotice decision={screen.decision} returnTo={screen.returnTo} />;
  if (screen.kind === 'refused') {
    return (
      <p className="notice notice-error" role="alert">
        {errorText(screen.text, locale)}
      </p>
    );
  }
  const { edit } = screen;
  const user = () => <Link href={userPageHref(edit.recipient.name)}>{edit.recipient.name}</Link>;
  if (screen.kind === 'sent') {
    return (
      <p role="status" className="notice">
        {t.rich('sent', { user })}
      </p>
    );
  }
  return (
    <>
      <p>
        {t.rich('confirm', { user, page: () => <Link href={titleToUrlPath(edit.page)}>{edit.page.prefixedText}</Link> })} (
        <Link href={diffHref(edit.page, 'prev', edit.revisionId)}>{t('viewEdit')}</Link>)
      </p>
      <RevertButton action={submitThanks} fields={{ revisionId: String(edit.revisionId) }} label={t('submit')} />
    </>
  );
}
