import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { encode } from 'next-auth/jwt';
import { projectRoot } from '../../runtime/database';
import type { SeededIds } from './seed';

/**
 * What the HTTP rows need besides the synthetic bulk, made through the wiki's own server code
 * (so it is stored exactly as the app stores it): the seed content (Main Page and the ECPAT
 * article, the page whose view is benchmarked), an editor with an API token, the page the save
 * row edits, and stored renderings for every revision a row views (otherwise the first view
 * renders lazily). Call after DATABASE_URL names the benchmark database.
 */
export interface Fixtures {
  articlePath: string;
  editor: { id: number; name: string; sessionVersion: number; token: string };
  editTarget: { title: string; latestId: number; text: string };
  /** The article's two revisions (a sentence added to the seed's), for the permalink and diff rows. */
  articleRevisions: { previous: number; latest: number };
}

export const ARTICLE_TITLE = 'ECPAT';
/** Added to the article by the fixtures (its second revision): found verbatim in the HTML and the RSC payload. */
export const ARTICLE_SENTENCE = 'Fans added this sentence for the benchmark';
const EDIT_TARGET = 'Bench edit target';

/** ~6 KB of markdown with sections, links (blue and red) and a footnote, like an ordinary article. */
function articleText(): string {
  return Array.from({ length: 8 }, (_, s) => {
    const links = Array.from({ length: 6 }, (_, i) => `[[Bench page ${s * 6 + i + 2}]]`).join(', ');
    return (
      `## Section ${s + 1}\n\nFans wrote this part from the sources they had, linking ${links} and [[Missing page ${s}]].[^s${s}]\n\n` +
      `- one point of the section\n- another point with **emphasis**\n\n[^s${s}]: A footnote for section ${s + 1}.`
    );
  }).join('\n\n');
}

export async function createFixtures(seeded: SeededIds): Promise<Fixtures> {
  const { seedWiki } = await import('@/lib/server/seed');
  const { createAccount } = await import('@/lib/server/accounts');
  const { createApiToken } = await import('@/lib/server/api-tokens');
  const { savePage } = await import('@/lib/server/save-page');
  const { ensureRendered } = await import('@/lib/server/render-revision');
  const { getDb } = await import('@/lib/server/db');
  const { parseTitle } = await import('@/lib/domain/titles');

  const content = await seedWiki(path.join(projectRoot, 'content'));
  if (!content.created.includes(ARTICLE_TITLE)) throw new Error(`The seed content did not create "${ARTICLE_TITLE}".`);
  const account = await createAccount({ username: 'Bench editor', password: `bench-${randomBytes(12).toString('hex')}-lantern` }, null);
  const { token } = await createApiToken(account.id, 'benchmark saves');
  const text = articleText();
  const saved = await savePage({ title: parseTitle(EDIT_TARGET), text, summary: 'Page for the save row', minor: false, authorId: account.id, baseRevisionId: null });
  if (saved.status !== 'saved') throw new Error(`Could not create "${EDIT_TARGET}": ${saved.status}`);

  const article = await getDb().page.findFirstOrThrow({
    where: { namespace: 0, title: ARTICLE_TITLE },
    select: { latestRevisionId: true, latestRevision: { select: { content: { select: { text: true } } } } },
  });
  const previous = article.latestRevisionId!;
  const second = await savePage({
    title: parseTitle(ARTICLE_TITLE),
    text: `${article.latestRevision!.content.text}\n\n${ARTICLE_SENTENCE}, for its permalink and diff rows.`,
    summary: 'A second revision for the permalink and diff rows',
    minor: false,
    authorId: account.id,
    baseRevisionId: previous,
  });
  if (second.status !== 'saved') throw new Error(`Could not edit "${ARTICLE_TITLE}": ${second.status}`);

  const hot = await getDb().page.findUniqueOrThrow({ where: { id: seeded.hotPageId }, select: { latestRevisionId: true } });
  for (const id of [seeded.bigOldRevisionId, seeded.bigNewRevisionId, hot.latestRevisionId!, previous, second.revisionId]) await ensureRendered(id);

  return {
    articlePath: `/wiki/${ARTICLE_TITLE}`,
    editor: { id: account.id, name: account.name, sessionVersion: account.sessionVersion, token },
    editTarget: { title: EDIT_TARGET, latestId: saved.revisionId, text },
    articleRevisions: { previous, latest: second.revisionId },
  };
}

/** A next-auth session cookie for the editor, as the sign-in flow sets it. */
export async function sessionCookie(editor: Fixtures['editor'], secret: string): Promise<string> {
  const jwt = await encode({ token: { uid: editor.id, sv: editor.sessionVersion, name: editor.name }, secret });
  return `next-auth.session-token=${jwt}`;
}
