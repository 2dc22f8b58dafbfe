import Link from 'next/link';
import { PageTabs } from '@/components/PageTabs';
import { PermissionNotice } from '@/components/PermissionNotice';
import { ProtectForm } from '@/components/ProtectForm';
import { submitProtection } from '@/app/actions/protect';
import { can } from '@/lib/domain/policy';
import { describeSettings, initialProtectForm, pageAccess, pageContext } from '@/lib/domain/protection';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { protectionFormState } from '@/lib/server/protection';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';

/** /wiki/<Title>?action=protect (and action=unprotect): the protect form, or the settings and why the reader cannot change them. */
export async function ProtectView({ title }: { title: ParsedTitle }) {
  const path = titleToUrlPath(title);
  const heading = <h1 className="article-title">Change protection level of “{title.prefixedText}”</h1>;
  const [state, actor] = await Promise.all([protectionFormState(title), getActor()]);
  if (!state) {
    return (
      <article className="article">
        {heading}
        <p className="notice notice-error" role="alert">
          The page “{title.prefixedText}” does not exist. This wiki protects existing pages only: <Link href={`${path}?action=edit`}>create it</Link>{' '}
          first, then protect it.
        </p>
      </article>
    );
  }
  const settings = policySettings();
  const decision = can(actor, 'protect', pageContext(state.pageId, state.protection), settings);
  const current = (
    <section aria-labelledby="protect-current">
      <h2 id="protect-current">Current settings</h2>
      <ul>
        {describeSettings(state.protection).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
  return (
    <article className="article">
      <PageTabs path={path} current="protect" access={pageAccess(actor, state.pageId, state.protection, settings)} />
      {heading}
      {current}
      {decision.allowed ? (
        <ProtectForm
          action={submitProtection}
          initial={initialProtectForm(title.prefixedText, state.protection)}
          existingExpiry={{
            edit: state.protection.edit?.expiresAt?.toISOString() ?? null,
            move: state.protection.move?.expiresAt?.toISOString() ?? null,
          }}
        />
      ) : (
        <PermissionNotice decision={decision} returnTo={`${path}?action=protect`} />
      )}
    </article>
  );
}
