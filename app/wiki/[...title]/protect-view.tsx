import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { protectionSettingLines } from '@/lib/i18n/protection-settings';
import { PageTabs } from '@/components/PageTabs';
import { submitWatch } from '@/app/actions/watchlist';
import { PermissionNotice } from '@/components/PermissionNotice';
import { ProtectForm } from '@/components/LazyForms';
import { submitProtection } from '@/app/actions/protect';
import { initialProtectForm } from '@/lib/domain/protection';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { loadProtectScreen } from '@/lib/server/screens/protect';

/** /wiki/<Title>?action=protect (and action=unprotect): the protect form, or the settings and why the reader cannot change them. */
export async function ProtectView({ title }: { title: ParsedTitle }) {
  const path = titleToUrlPath(title);
  const [screen, t] = await Promise.all([loadProtectScreen(title), getTranslations('admin.protect')]);
  const heading = <h1 className="article-title">{t('heading', { title: title.prefixedText })}</h1>;
  if (screen.kind === 'missing') {
    return (
      <article className="article">
        {heading}
        <p className="notice notice-error" role="alert">
          {t.rich('missing', { title: title.prefixedText, link: (chunks) => <Link href={`${path}?action=edit`}>{chunks}</Link> })}
        </p>
      </article>
    );
  }
  const { decision, protection } = screen;
  const current = (
    <section aria-labelledby="protect-current">
      <h2 id="protect-current">{t('currentHeading')}</h2>
      <ul>
        {(await protectionSettingLines(protection)).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
  return (
    <article className="article">
      <PageTabs watchAction={submitWatch} path={path} current="protect" access={screen.access} />
      {heading}
      {current}
      {decision.allowed ? (
        <ProtectForm
          action={submitProtection}
          initial={initialProtectForm(title.prefixedText, protection, title.namespace)}
          existingExpiry={{
            edit: protection.edit?.expiresAt?.toISOString() ?? null,
            move: protection.move?.expiresAt?.toISOString() ?? null,
            upload: protection.upload?.expiresAt?.toISOString() ?? null,
          }}
        />
      ) : (
        <PermissionNotice decision={decision} returnTo={`${path}?action=protect`} />
      )}
    </article>
  );
}
