import Link from 'next/link';
import { EditForm } from '@/components/EditForm';
import { previewMarkdown, submitEdit } from '@/app/actions/edit';
import { getEditableSource } from '@/lib/server/pages';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** /wiki/<Title>?action=edit: the edit form, or why the reader cannot edit. */
export async function EditView({ title }: { title: ParsedTitle }) {
  const [source, actor] = await Promise.all([getEditableSource(title), getActor()]);
  const decision = can(actor, source ? 'edit' : 'create', { id: source?.pageId ?? null }, policySettings());
  const heading = source ? `Editing ${title.prefixedText}` : `Creating ${title.prefixedText}`;
  const articlePath = titleToUrlPath(title);

  if (!decision.allowed) {
    const returnTo = `${articlePath}?action=edit`;
    return (
      <article className="article">
        <h1 className="article-title">{heading}</h1>
        <p className="notice">
          {decision.message}{' '}
          {decision.reason === 'not-signed-in' && (
            <>
              <Link href={`/wiki/Special:UserLogin?returnto=${encodeURIComponent(returnTo)}`}>Log in</Link> or{' '}
              <Link href={`/wiki/Special:CreateAccount?returnto=${encodeURIComponent(returnTo)}`}>create an account</Link>.
            </>
          )}
        </p>
      </article>
    );
  }
  return (
    <article className="article">
      <h1 className="article-title">{heading}</h1>
      {!source && <p className="notice">This page does not exist yet. Write its first version below.</p>}
      <EditForm
        cancelHref={articlePath}
        action={submitEdit}
        preview={previewMarkdown}
        initial={{
          title: title.prefixedText,
          content: source?.text ?? '',
          summary: '',
          minor: false,
          baseRevisionId: source ? String(source.revisionId) : '',
        }}
      />
    </article>
  );
}
