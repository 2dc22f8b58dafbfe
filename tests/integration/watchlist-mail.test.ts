// Mail to watchers when a watched page changes (docs/notifications.md "E-mail", MediaWiki's
// enotifwatchlistpages) against a real SMTP server on loopback and the real database: real edits,
// their revision-events jobs run by hand, then the mail jobs they queued. One message per page until
// the watcher visits it; never to the author, for a minor edit, without a confirmed address or with
// the preference off; 50 watchers claimed at once; a revision job run twice mails nothing more.
import '../support/database';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp-server';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { watchPage, watchStateForVisit } from '@/lib/server/watchlist';
import { handleRevisionEvents, type RevisionEventsJob } from '@/lib/server/notifications/revision-events';
import { handleNotificationMail } from '@/lib/server/notifications/mail-queue';
import type { NotificationMailJob } from '@/lib/domain/notification-mail';
import type { Actor } from '@/lib/domain/policy';
import { parseTitle, type ParsedTitle } from '@/lib/domain/titles';

let smtp: TestSmtpServer;
let inbox: ReceivedMail[] = [];
beforeAll(async () => {
  smtp = await startSmtpServer();
  inbox = smtp.inbox;
});
afterAll(async () => {
  await smtp.close();
});
beforeEach(() => {
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = 'https://wiki.example';
  inbox.length = 0;
  smtp.refuse = false;
});

let n = 0;
const unique = () => `${process.pid} ${Date.now()} ${++n}`;

/** An account; with `email`, a confirmed address set directly (confirming is notification-mail.test.ts'). */
async function actor(options: { email?: boolean; preferences?: Record<string, unknown> } = {}): Promise<Actor & { email: string }> {
  const account = await createAccount({ username: `Watch mail ${unique()}`, password: 'watchlist mail passphrase' }, null);
  const email = `watcher${account.id}@example.org`;
  await getDb().user.update({
    where: { id: account.id },
    data: { preferences: (options.preferences ?? {}) as object, ...(options.email === false ? {} : { email, emailVerifiedAt: new Date() }) },
  });
  return { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(0), editCount: 0, blocked: null, email };
}

/** A real edit, then its revision-events job and every mail job that one queued; returns the revision. */
async function edit(editor: Actor, title: ParsedTitle, content: string, options: { minor?: boolean; summary?: string } = {}): Promise<number> {
  const latest = await getDb().page.findFirst({ where: { namespace: title.namespace, title: title.dbKey }, select: { latestRevisionId: true } });
  const outcome = await editPage(
    editor,
    { title, content, summary: options.summary ?? '', minor: options.minor ?? false, baseRevisionId: latest?.latestRevisionId ?? null },
    '127.0.0.1',
  );
  if (outcome.status !== 'saved') throw new Error(outcome.status);
  await runRevisionJob(outcome.revisionId);
  return outcome.revisionId;
}

async function runRevisionJob(revisionId: number): Promise<void> {
  const [job] = await getDb().$queryRaw<{ data: RevisionEventsJob }[]>`
    SELECT data FROM pgboss.job WHERE name = 'revision-events' AND data->>'revisionId' = ${String(revisionId)}`;
  if (job) await handleRevisionEvents(job.data);
  for (const mail of await mailJobs(revisionId)) await handleNotificationMail(mail);
}

async function mailJobs(revisionId: number): Promise<NotificationMailJob[]> {
  const rows = await getDb().$queryRaw<{ data: NotificationMailJob }[]>`
    SELECT data FROM pgboss.job WHERE name = 'notification-mail' AND data->>'revisionId' = ${String(revisionId)} AND state = 'created'`;
  // Marked done as the worker would, so the next run of the same revision does not send them again.
  await getDb().$executeRaw`
    UPDATE pgboss.job SET state = 'completed' WHERE name = 'notification-mail' AND data->>'revisionId' = ${String(revisionId)}`;
  return rows.map((row) => row.data);
}

async function visit(reader: Actor, title: ParsedTitle): Promise<void> {
  const page = await getDb().page.findFirst({ where: { namespace: title.namespace, title: title.dbKey }, select: { latestRevision: { select: { createdAt: true } } } });
  await watchStateForVisit(reader, title, page!.latestRevision!.createdAt);
}

const to = (reader: { email: string }) => inbox.filter((mail) => mail.to.includes(reader.email));

describe('mail to watchers', () => {
  it('mails once per page until the watcher visits it, then again', async () => {
    const [watcher, editor] = [await actor(), await actor()];
    const title = parseTitle(`Watched mail ${unique()}`);
    await edit(editor, title, 'First text');
    await watchPage(watcher, title, 'infinite');
    const revisionId = await edit(editor, title, 'Second text', { summary: 'copy edit' });
    expect(to(watcher)).toHaveLength(1);
    const [message] = to(watcher);
    expect(message!.subject).toContain(title.prefixedText);
    expect(message!.subject).toContain(editor.name);
    expect(message!.text).toContain('Edit summary: copy edit');
    expect(message!.text).toContain(`?diff=${revisionId}&oldid=`);
    expect(message!.text).toContain('https://wiki.example/wiki/Special:Watchlist');
    expect(message!.text).toContain('no further e-mail about this page until you visit it');
    expect(message!.text).toContain('/w/email/unsubscribe?token=');
    expect(message!.headers.get('list-unsubscribe')).toContain('/w/email/unsubscribe?token=');

    await edit(editor, title, 'Third text');
    expect(to(watcher)).toHaveLength(1);
    await visit(watcher, title);
    await edit(editor, title, 'Fourth text');
    expect(to(watcher)).toHaveLength(2);
    // Its talk page is covered by the same watch, compared with the talk page's own visit.
    const talk = parseTitle(`Talk:${title.text}`);
    await visit(watcher, title);
    await edit(editor, talk, 'A remark');
    expect(to(watcher)).toHaveLength(2); // mailed about the subject since the talk page's visit
  });

  it('queues no revision job in the save for a page only its author watches', async () => {
    const editor = await actor();
    const title = parseTitle(`Watched alone ${unique()}`);
    await edit(editor, title, 'Text');
    const revisionId = await edit(editor, title, 'More text');
    const jobs = await getDb().$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM pgboss.job WHERE name = 'revision-events' AND data->>'revisionId' = ${String(revisionId)}`;
    expect(Number(jobs[0]!.count)).toBe(0);
  });

  it('mails in the saved interface language', async () => {
    const [watcher, editor] = [await actor({ preferences: { interfaceLanguage: 'it' } }), await actor()];
    const title = parseTitle(`Watched mail it ${unique()}`);
    await edit(editor, title, 'Testo');
    await watchPage(watcher, title, 'infinite');
    await edit(editor, title, 'Altro testo');
    expect(to(watcher)[0]!.subject).toContain('è stata modificata da');
  });

  it('mails nothing for a minor edit, nor to the author', async () => {
    const [watcher, editor] = [await actor(), await actor()];
    const title = parseTitle(`Watched minor ${unique()}`);
    await edit(editor, title, 'Text');
    await watchPage(watcher, title, 'infinite');
    await watchPage(editor, title, 'infinite');
    await edit(editor, title, 'Text, tidied', { minor: true });
    expect(inbox).toHaveLength(0);
    await edit(watcher, title, 'The watcher edits');
    expect(to(watcher)).toHaveLength(0);
    expect(to(editor)).toHaveLength(1);
  });

  it('mails nothing with the preference off, e-mail off or no confirmed address', async () => {
    const watchers = [await actor({ preferences: { emailWatchlist: false } }), await actor({ preferences: { emailNotifications: 'off' } }), await actor({ email: false })];
    const editor = await actor();
    const title = parseTitle(`Watched unmailed ${unique()}`);
    await edit(editor, title, 'Text');
    for (const watcher of watchers) await watchPage(watcher, title, 'infinite');
    await edit(editor, title, 'Changed');
    expect(inbox).toHaveLength(0);
  });

  it('claims 50 watchers in one statement, and a revision job run twice sends nothing more', async () => {
    const editor = await actor();
    const title = parseTitle(`Watched by many ${unique()}`);
    await edit(editor, title, 'Text');
    const ids = await getDb().$queryRaw<{ id: number }[]>`
      INSERT INTO users (name, name_key, email, email_verified_at)
      SELECT 'Many ' || ${unique()} || ' ' || i, lower('Many ' || ${unique()} || ' ' || i), 'many' || i || '-' || ${Date.now()} || '@example.org', now()
      FROM generate_series(1, 50) i RETURNING id`;
    await getDb().$executeRaw`
      INSERT INTO watchlist (user_id, namespace, title, seen_at, talk_seen_at, added_at)
      SELECT unnest(${ids.map((row) => row.id)}::int[]), ${title.namespace}, ${title.dbKey}, now() - interval '1 minute', now() - interval '1 minute', now()`;
    const revisionId = await edit(editor, title, 'Changed for all');
    expect(inbox).toHaveLength(50);
    const claims = await getDb().$queryRaw<{ times: bigint }[]>`
      SELECT count(DISTINCT emailed_at) AS times FROM watchlist WHERE namespace = ${title.namespace} AND title = ${title.dbKey} AND emailed_at IS NOT NULL`;
    expect(Number(claims[0]!.times)).toBe(1); // one statement's now()
    await runRevisionJob(revisionId);
    expect(inbox).toHaveLength(50);
  });

  it('retries a claimed message whose sending failed, without claiming it again', async () => {
    const [watcher, editor] = [await actor(), await actor()];
    const title = parseTitle(`Watched retry ${unique()}`);
    await edit(editor, title, 'Text');
    await watchPage(watcher, title, 'infinite');
    smtp.refuse = true;
    const outcome = await editPage(
      editor,
      {
        title,
        content: 'Changed',
        summary: '',
        minor: false,
        baseRevisionId: (await getDb().page.findFirst({ where: { namespace: 0, title: title.dbKey } }))!.latestRevisionId,
      },
      '127.0.0.1',
    );
    if (outcome.status !== 'saved') throw new Error(outcome.status);
    const [job] = await getDb().$queryRaw<{ data: RevisionEventsJob }[]>`
      SELECT data FROM pgboss.job WHERE name = 'revision-events' AND data->>'revisionId' = ${String(outcome.revisionId)}`;
    await handleRevisionEvents(job!.data);
    const jobs = await mailJobs(outcome.revisionId);
    expect(jobs).toHaveLength(1);
    await expect(handleNotificationMail(jobs[0]!)).rejects.toThrow();
    await handleRevisionEvents(job!.data); // the revision job again: the claim holds, nothing queued
    const queued = await getDb().$queryRaw<{ count: bigint }[]>`
      SELECT count(*) FROM pgboss.job WHERE name = 'notification-mail' AND data->>'revisionId' = ${String(outcome.revisionId)}`;
    expect(Number(queued[0]!.count)).toBe(1);
    smtp.refuse = false;
    expect(await handleNotificationMail(jobs[0]!)).toBe(1); // pg-boss's retry of the same job
    expect(to(watcher)).toHaveLength(1);
  });
});
