// Notifications by e-mail (docs/notifications.md, "E-mail") against a real SMTP server on loopback
// (the smtp-server package) and the real database: confirming an address, the queued job run by
// hand (twice: still one message), a refusing or absent server (the job throws, nothing marked
// sent, then it goes through), digests, unsubscribing, and mail off without SMTP_URL. Only the
// request context (locale, actor, headers) is stood in for, as in preferences.test.ts.
import '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closedSmtpUrl, startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp-server';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { blockUser } from '@/lib/server/blocks';
import { blockFormSchema } from '@/lib/domain/blocks';
import { sender } from '@/lib/server/templates/queue';
import { startRerenderWorker } from '@/lib/server/templates/worker';
import { deliverNotifications } from '@/lib/server/notifications/store';
import { handleRevisionEvents, type RevisionEventsJob } from '@/lib/server/notifications/revision-events';
import { confirmEmail, loadEmailPreferences, requestEmailConfirmation } from '@/lib/server/notifications/email-address';
import { dueDigestUsers, handleNotificationMail, queueDueDigests } from '@/lib/server/notifications/mail-queue';
import { unsubscribeResponse } from '@/lib/server/notifications/unsubscribe';
import { unsubscribeToken, unsubscribeTokenUser } from '@/lib/server/notifications/mailer';
import { CONFIRMATION_TTL_MS, type NotificationMailJob } from '@/lib/domain/notification-mail';
import { type Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';
import type { NotificationDraft } from '@/lib/domain/notifications';

request.headers = { host: 'wiki.example:8080' };
const { requestEmailConfirmationAction } = await import('@/app/actions/email');

let smtp: TestSmtpServer;
/** What the server received (the same array throughout; emptied before each test). */
let inbox: ReceivedMail[] = [];
let smtpUrl = '';
beforeAll(async () => {
  smtp = await startSmtpServer();
  smtpUrl = smtp.url;
  inbox = smtp.inbox;
});
afterAll(async () => {
  await smtp.close();
});
/** While true, the server refuses every recipient with 450. */
function setRefuse(value: boolean): void {
  smtp.refuse = value;
}
beforeEach(() => {
  process.env.SMTP_URL = smtpUrl;
  process.env.NEXTAUTH_URL = 'https://wiki.example';
  smtp.inbox.length = 0;
  setRefuse(false);
});

let n = 0;
async function newActor(): Promise<Actor> {
  const account = await createAccount({ username: `Mail reader ${process.pid} ${Date.now()} ${++n}`, password: 'notification mail passphrase' }, null);
  return { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(0), editCount: 0, blocked: null };
}

/** An account whose address is confirmed (through the real link), with `preferences` stored. */
async function confirmedActor(preferences: Record<string, unknown> = {}): Promise<Actor & { email: string }> {
  const actor = await newActor();
  const email = `reader${actor.userId}@example.org`;
  await requestEmailConfirmation(actor, email, { origin: 'https://wiki.example', locale: 'en' });
  const message = inbox.pop()!;
  expect(await confirmEmail(tokenIn(message.text))).toBe('confirmed');
  await getDb().user.update({ where: { id: actor.userId! }, data: { preferences: preferences as object } });
  return { ...actor, email };
}

function tokenIn(text: string): string {
  return /\/wiki\/Special:ConfirmEmail\/([0-9a-f]{64})/u.exec(text)![1]!;
}

let events = 0;
function talkDraft(to: Actor, from: Actor, kind: NotificationDraft['kind'] = 'edit-user-talk'): NotificationDraft {
  events += 1;
  return {
    userId: to.userId!,
    kind,
    agentId: from.userId,
    page: { namespace: 3, title: to.name!.replaceAll(' ', '_') },
    revisionId: null,
    params: {},
    eventKey: `mail-test:${events}`,
  };
}

async function mailJobs(userId: number): Promise<NotificationMailJob[]> {
  const rows = await getDb().$queryRaw<{ data: NotificationMailJob }[]>`
    SELECT j.data FROM pgboss.job j JOIN notifications n ON n.id = (j.data->>'notificationId')::int
    WHERE j.name = 'notification-mail' AND n.user_id = ${userId} ORDER BY j.created_on`;
  return rows.map((row) => row.data);
}

async function emailedAt(userId: number): Promise<(Date | null)[]> {
  const rows = await getDb().notification.findMany({ where: { userId }, orderBy: { id: 'asc' }, select: { emailedAt: true } });
  return rows.map((row) => row.emailedAt);
}

describe('confirming an address', () => {
  it('mails a link that confirms the address once; a changed address needs confirming again', async () => {
    const actor = await newActor();
    expect(await requestEmailConfirmation(actor, 'jane@example.org', { origin: 'https://wiki.example', locale: 'en' })).toBe('sent');
    expect(inbox).toHaveLength(1);
    const [message] = inbox;
    expect(message!.to).toEqual(['jane@example.org']);
    expect(message!.subject).toMatch(/email address confirmation/u);
    expect(message!.text).toContain(`"${actor.name}"`);
    const token = tokenIn(message!.text);
    expect(message!.text).toContain(`https://wiki.example/wiki/Special:ConfirmEmail/${token}`);
    const stored = await getDb().user.findUniqueOrThrow({ where: { id: actor.userId! } });
    expect(stored.email).toBe('jane@example.org');
    expect(stored.emailVerifiedAt).toBeNull();
    expect(stored.emailTokenHash).toMatch(/^[0-9a-f]{64}$/u);
    expect(stored.emailTokenHash).not.toContain(token);

    // The link's path survives title normalization as Special:ConfirmEmail's subpage.
    expect(parseTitle(`Special:ConfirmEmail/${token}`).dbKey).toBe(`ConfirmEmail/${token}`);
    expect(await confirmEmail(token)).toBe('confirmed');
    expect(await confirmEmail(token)).toBe('unknown');
    expect((await getDb().user.findUniqueOrThrow({ where: { id: actor.userId! } })).emailVerifiedAt).not.toBeNull();

    // The same confirmed address again: nothing sent. Another one: unconfirmed until its own link.
    expect(await requestEmailConfirmation(actor, 'jane@example.org', { origin: 'https://wiki.example', locale: 'en' })).toBe('unchanged');
    await requestEmailConfirmation(actor, 'jane.doe@example.org', { origin: 'https://wiki.example', locale: 'it' });
    expect(inbox).toHaveLength(2);
    expect(inbox[1]!.subject).toMatch(/richiesta di conferma/u);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: actor.userId! } })).emailVerifiedAt).toBeNull();
  });

  it('refuses an expired token and unknown ones, without an error', async () => {
    const actor = await newActor();
    await requestEmailConfirmation(actor, 'late@example.org', { origin: 'https://wiki.example', locale: 'en', now: new Date(Date.now() - CONFIRMATION_TTL_MS - 1000) });
    const token = tokenIn(inbox[0]!.text);
    expect(await confirmEmail(token)).toBe('expired');
    expect(await confirmEmail('0'.repeat(64))).toBe('unknown');
    expect(await confirmEmail('not a token')).toBe('unknown');
    expect((await getDb().user.findUniqueOrThrow({ where: { id: actor.userId! } })).emailVerifiedAt).toBeNull();
  });

  it('sends at most 4 confirmation messages per account a day', async () => {
    const actor = await newActor();
    for (let i = 0; i < 4; i += 1) await requestEmailConfirmation(actor, `try${i}@example.org`, { origin: 'https://wiki.example', locale: 'en' });
    await expect(requestEmailConfirmation(actor, 'try5@example.org', { origin: 'https://wiki.example', locale: 'en' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(inbox).toHaveLength(4);
  });

  it('keeps a refused address in the form with its message', async () => {
    request.actor = await newActor();
    const form = new FormData();
    form.set('email', 'not an address');
    const state = await requestEmailConfirmationAction({ values: { email: '' } }, form);
    expect(state.values).toEqual({ email: 'not an address' });
    expect(state.fieldErrors?.email).toMatch(/valid e-mail address/u);
    expect(inbox).toHaveLength(0);

    // A server refusing the message: the address is kept in the form and saved, the reader told to try later.
    setRefuse(true);
    form.set('email', 'later@example.org');
    const failed = await requestEmailConfirmationAction({ values: { email: '' } }, form);
    expect(failed).toEqual({ values: { email: 'later@example.org' }, formError: expect.stringMatching(/could not be sent/u) });
    expect((await getDb().user.findUniqueOrThrow({ where: { id: request.actor.userId! } })).email).toBe('later@example.org');
    setRefuse(false);
    const sent = await requestEmailConfirmationAction({ values: { email: '' } }, form);
    expect(sent).toEqual({ values: { email: 'later@example.org' }, sent: true });
    expect(inbox).toHaveLength(1);
  });
});

describe('sending notifications', () => {
  it('sends one message with the text, the page link and the unsubscribe link, however often the job runs', async () => {
    const [reader, writer] = [await confirmedActor(), await newActor()];
    // The whole chain: a real edit of the reader's talk page, its revision-events job, then the mail job.
    const title = parseTitle(`User talk:${reader.name}`);
    const outcome = await editPage(writer, { title, content: 'Hello there', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
    if (outcome.status !== 'saved') throw new Error(outcome.status);
    const [events] = await getDb().$queryRaw<{ data: RevisionEventsJob }[]>`
      SELECT data FROM pgboss.job WHERE name = 'revision-events' AND data->>'revisionId' = ${String(outcome.revisionId)}`;
    expect(await handleRevisionEvents(events!.data)).toBe(1);
    const jobs = await mailJobs(reader.userId!);
    expect(jobs).toHaveLength(1);

    expect(await handleNotificationMail(jobs[0]!)).toBe(1);
    expect(await handleNotificationMail(jobs[0]!)).toBe(0);
    expect(inbox).toHaveLength(1);
    const [message] = inbox;
    expect(message!.to).toEqual([reader.email]);
    expect(message!.subject).toContain(`${writer.name} left a message on your talk page.`);
    expect(message!.text).toContain(`${writer.name} left a message on your talk page.`);
    expect(message!.text).toContain(`https://wiki.example/wiki/User_talk:${reader.name!.replaceAll(' ', '_')}`);
    expect(message!.text).toContain(`https://wiki.example/w/email/unsubscribe?token=${encodeURIComponent(unsubscribeToken(reader.userId!))}`);
    expect(message!.headers.get('list-unsubscribe')).toContain('/w/email/unsubscribe?token=');
    expect(message!.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(await emailedAt(reader.userId!)).toEqual([expect.any(Date)]);
  });

  it('writes in the interface language the reader saved', async () => {
    const [reader, writer] = [await confirmedActor({ interfaceLanguage: 'it' }), await newActor()];
    await deliverNotifications([talkDraft(reader, writer)]);
    await handleNotificationMail((await mailJobs(reader.userId!))[0]!);
    expect(inbox[0]!.text).toContain(`${writer.name} ha lasciato un messaggio`);
    expect(inbox[0]!.text).toContain('Per interrompere tutte le notifiche via e-mail');
  });

  it('a refusing or absent server makes the job throw with nothing marked sent; the retry goes through', async () => {
    const [reader, writer] = [await confirmedActor(), await newActor()];
    await deliverNotifications([talkDraft(reader, writer)]);
    const [job] = await mailJobs(reader.userId!);
    setRefuse(true);
    await expect(handleNotificationMail(job!)).rejects.toThrow(/450|unavailable/iu);
    expect(await emailedAt(reader.userId!)).toEqual([null]);
    setRefuse(false);

    // Nothing listening there: a closed server's port.
    process.env.SMTP_URL = await closedSmtpUrl();
    await expect(handleNotificationMail(job!)).rejects.toThrow();
    expect(await emailedAt(reader.userId!)).toEqual([null]);

    process.env.SMTP_URL = smtpUrl;
    expect(await handleNotificationMail(job!)).toBe(1);
    expect(await handleNotificationMail(job!)).toBe(0);
    expect(inbox).toHaveLength(1);
  });

  it("mails a block, stored in the block's own transaction, when the user wants blocks by e-mail", async () => {
    const admin = await createAccount({ username: `Mail admin ${process.pid} ${Date.now()}`, password: 'notification mail passphrase', admin: true }, null);
    const adminActor: Actor = { userId: admin.id, name: admin.name, role: 'admin', createdAt: new Date(0), editCount: 0, blocked: null };
    const reader = await confirmedActor({ emailBlocks: true });
    await blockUser(adminActor, blockFormSchema.parse({ target: reader.name, expiry: 'infinite', reason: 'Spam', scope: 'sitewide', pages: '' }));
    const jobs = await mailJobs(reader.userId!);
    expect(jobs).toHaveLength(1);
    expect(await handleNotificationMail(jobs[0]!)).toBe(1);
    expect(inbox[0]!.text).toContain(`You have been blocked by ${admin.name}: Spam`);
  });

  it('queues nothing for an unconfirmed address, a kind not wanted by e-mail, or mail turned off', async () => {
    const writer = await newActor();
    const unconfirmed = await newActor();
    await requestEmailConfirmation(unconfirmed, `unconfirmed${unconfirmed.userId}@example.org`, { origin: 'https://wiki.example', locale: 'en' });
    const thanksOff = await confirmedActor();
    const off = await confirmedActor({ emailNotifications: 'off' });
    const kindOff = await confirmedActor({ emailUserTalk: false });
    expect(await deliverNotifications([talkDraft(unconfirmed, writer), talkDraft(thanksOff, writer, 'thank'), talkDraft(off, writer), talkDraft(kindOff, writer)])).toBe(4);
    for (const user of [unconfirmed, thanksOff, off, kindOff]) expect(await mailJobs(user.userId!)).toEqual([]);
  });
});

describe("the server's worker", () => {
  it('sends the queued message through pg-boss, after the notification committed', async () => {
    const worker = await startRerenderWorker({ pollingIntervalSeconds: 0.5 });
    try {
      const [reader, writer] = [await confirmedActor(), await newActor()];
      await deliverNotifications([talkDraft(reader, writer)]);
      await vi.waitFor(async () => expect(await emailedAt(reader.userId!)).toEqual([expect.any(Date)]), { timeout: 20_000, interval: 250 });
      await vi.waitFor(() => expect(inbox).toHaveLength(1), { timeout: 5_000 });
      expect(inbox[0]!.to).toEqual([reader.email]);
    } finally {
      await worker.stop();
    }
  });
});

describe('daily digests', () => {
  it('sends one message with every pending notification once the oldest is a day old', async () => {
    const [reader, writer] = [await confirmedActor({ emailNotifications: 'daily', emailThanks: true }), await newActor()];
    const other = await confirmedActor({ emailNotifications: 'daily' });
    await deliverNotifications([talkDraft(reader, writer), talkDraft(reader, writer, 'thank'), talkDraft(reader, writer, 'page-linked'), talkDraft(other, writer)]);
    expect(await mailJobs(reader.userId!)).toEqual([]);
    expect(await dueDigestUsers()).not.toContain(reader.userId);

    await getDb().$executeRaw`UPDATE notifications SET created_at = now() - interval '25 hours' WHERE user_id = ${reader.userId} AND kind = 'edit-user-talk'`;
    const due = await dueDigestUsers();
    expect(due).toContain(reader.userId);
    expect(due).not.toContain(other.userId);
    expect(await queueDueDigests(sender())).toBeGreaterThanOrEqual(1);
    const [queued] = await getDb().$queryRaw<{ data: NotificationMailJob }[]>`
      SELECT data FROM pgboss.job WHERE name = 'notification-mail' AND data->>'digestUserId' = ${String(reader.userId)}`;
    expect(queued!.data).toEqual({ digestUserId: reader.userId });

    expect(await handleNotificationMail(queued!.data)).toBe(1);
    expect(await handleNotificationMail(queued!.data)).toBe(0);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.subject).toContain('You have 2 new notifications');
    expect(inbox[0]!.text).toContain(`${writer.name} left a message on your talk page.`);
    expect(inbox[0]!.text).toContain(`${writer.name} thanked you`);
    expect(inbox[0]!.text).toContain('/w/email/unsubscribe?token=');
    // page-linked is not wanted by e-mail: left alone.
    expect((await emailedAt(reader.userId!)).filter((at) => at !== null)).toHaveLength(2);
    expect(await dueDigestUsers()).not.toContain(reader.userId);
  });
});

describe('unsubscribing', () => {
  it('asks on GET, turns e-mail off on POST without signing in, and refuses a forged token', async () => {
    const reader = await confirmedActor();
    const token = unsubscribeToken(reader.userId!);
    expect(unsubscribeTokenUser(token)).toBe(reader.userId);
    const url = `https://wiki.example/w/email/unsubscribe?token=${encodeURIComponent(token)}`;

    const asked = await unsubscribeResponse(new Request(url));
    expect(asked.status).toBe(200);
    const page = await asked.text();
    expect(page).toContain('<form method="post"');
    expect(page).toContain(reader.name!);
    expect((await getDb().user.findUniqueOrThrow({ where: { id: reader.userId! } })).preferences).toEqual({});

    const done = await unsubscribeResponse(new Request('https://wiki.example/w/email/unsubscribe', { method: 'POST', body: new URLSearchParams({ token }) }));
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('E-mail notifications are now off');
    expect((await getDb().user.findUniqueOrThrow({ where: { id: reader.userId! } })).preferences).toEqual({ emailNotifications: 'off' });
    await deliverNotifications([talkDraft(reader, await newActor())]);
    expect(await mailJobs(reader.userId!)).toEqual([]);

    // One-click (RFC 8058): the mail client POSTs to the link itself.
    const other = await confirmedActor();
    const oneClick = await unsubscribeResponse(
      new Request(`https://wiki.example/w/email/unsubscribe?token=${encodeURIComponent(unsubscribeToken(other.userId!))}`, {
        method: 'POST',
        body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }),
      }),
    );
    expect(oneClick.status).toBe(200);

    const forged = `${reader.userId! + 1}.${token.split('.')[1]}`;
    expect(unsubscribeTokenUser(forged)).toBeNull();
    expect((await unsubscribeResponse(new Request(`https://wiki.example/w/email/unsubscribe?token=${forged}`))).status).toBe(400);
    expect((await unsubscribeResponse(new Request('https://wiki.example/w/email/unsubscribe', { method: 'POST' }))).status).toBe(400);
  });
});

describe('without SMTP_URL', () => {
  it('queues nothing and offers no address field', async () => {
    const [reader, writer] = [await confirmedActor(), await newActor()];
    delete process.env.SMTP_URL;
    await deliverNotifications([talkDraft(reader, writer)]);
    expect(await mailJobs(reader.userId!)).toEqual([]);
    request.actor = reader;
    expect(await loadEmailPreferences()).toBeNull();
    process.env.SMTP_URL = smtpUrl;
    expect(await loadEmailPreferences()).toMatchObject({ status: { email: reader.email, enabled: true } });
  });
});
