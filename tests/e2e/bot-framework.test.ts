import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mwn, MwnError } from 'mwn';
import { useWikiInBrowser } from '../support/e2e-suite';
import { failOnPageErrors, signIn } from '../support/browser';
import { putPage } from '../support/page-cache-client';
import { uniquePng } from '../support/file-upload-client';

/*
 * A bot written for MediaWiki works here with only the base URL changed: mwn (a bot framework
 * from the npm registry, unmodified) against the production server. The bot's owner makes a bot
 * password on Special:BotPasswords in a real browser, as a person would; the bot signs in with
 * it and does a fan wiki's maintenance: read, edit (meeting MediaWiki's edit conflict when its
 * base is stale), append a section, walk recent changes with continuation, search, upload a file,
 * move and delete.
 */

const OWNER = { name: 'Maintenance owner', password: 'Tangerine-Orbit-Lantern-2207' };
const FAN = 'Conflicting fan';
const suite = useWikiInBrowser({
  admins: [OWNER],
  users: [{ name: FAN, token: true }],
  // The owner's account is in the bot group, as an administrator puts it with this command.
  commands: [['user:bot', OWNER.name, '--reason=runs the maintenance bot']],
});
failOnPageErrors(suite);

let bot: Mwn;
let scratch: string;
const stamp = Date.now().toString(36);
const page = (name: string) => `Bot ${name} ${stamp}`;

async function makeBotPassword(): Promise<{ loginName: string; password: string }> {
  const browserPage = await suite.browser().newPage();
  try {
    const base = suite.wiki().baseUrl;
    await signIn(browserPage, base, OWNER.name, OWNER.password);
    await browserPage.goto(`${base}/wiki/Special:BotPasswords`);
    await browserPage.fill('#bot-app-id', 'maintenance');
    for (const grant of ['highvolume', 'editpage', 'createeditmovepage', 'uploadfile', 'uploadeditmovefile', 'delete']) {
      await browserPage.check(`input[name="grants"][value="${grant}"]`);
    }
    await browserPage.getByRole('button', { name: 'Create', exact: true }).click();
    await browserPage.waitForSelector('#bot-password');
    return { loginName: await browserPage.inputValue('#bot-login-name'), password: await browserPage.inputValue('#bot-password') };
  } finally {
    await browserPage.close();
  }
}

/** The error mwn rejects with, for a request that must fail. */
async function refusal(request: Promise<unknown>): Promise<MwnError> {
  try {
    await request;
  } catch (error) {
    if (error instanceof MwnError) return error;
    throw error;
  }
  throw new Error('the request succeeded');
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'wiki-mwn-'));
  const { loginName, password } = await makeBotPassword();
  expect(loginName).toBe(`${OWNER.name}@maintenance`);
  bot = new Mwn({
    apiUrl: `${suite.wiki().baseUrl}/w/api.php`,
    username: loginName,
    password,
    userAgent: 'Telefono Azzurro Fans Wiki end-to-end test (mwn)',
    // What bot operators set: fail rather than edit logged out, and be told the edits are a bot's.
    defaultParams: { assert: 'bot' },
    silent: true,
    maxRetries: 0,
  });
  await bot.login();
}, 120_000);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('a MediaWiki bot (mwn) with a bot password', () => {
  it('is signed in as its owner, in the bot group', async () => {
    const info = await bot.userinfo({ uiprop: ['groups', 'rights'] });
    expect(info.name).toBe(OWNER.name);
    expect(info.groups).toEqual(expect.arrayContaining(['bot', 'sysop']));
    expect(info.rights).toEqual(expect.arrayContaining(['edit', 'bot']));
  });

  it('reads the seeded article', async () => {
    const article = await bot.read('ECPAT');
    expect(article.missing).toBeFalsy();
    expect(article.revisions?.[0]?.content).toContain('ECPAT');
  });

  it("gets MediaWiki's edit conflict when its base is stale, and mwn's own edit loop then saves", async () => {
    const title = page('conflict');
    await bot.create(title, 'Line one.\n\nLine two.', 'bot creates the page');
    const base = (await bot.read(title)).revisions![0]!.timestamp!;
    // A fan changes the same line meanwhile.
    await putPage(suite.wiki(), suite.token(FAN), title.replaceAll(' ', '_'), 'Line one, by a fan.\n\nLine two.');
    const conflict = await refusal(
      bot.request({ action: 'edit', title, text: 'Line one, by the bot.\n\nLine two.', basetimestamp: base, starttimestamp: base, token: bot.csrfToken }),
    );
    expect(conflict.code).toBe('editconflict');
    // mwn's edit() reads the latest revision and applies its change to it.
    const saved = await bot.edit(title, (revision) => ({ text: `${revision.content}\n\nChecked by the bot.`, summary: 'bot check' }));
    expect(saved.result).toBe('Success');
    expect((await bot.read(title)).revisions![0]!.content).toBe('Line one, by a fan.\n\nLine two.\n\nChecked by the bot.');
  });

  it('appends a section', async () => {
    const title = page('talk');
    await bot.create(title, 'Notes.', 'start');
    const added = await bot.newSection(title, 'Link report', 'All links checked.');
    expect(added.result).toBe('Success');
    const text = (await bot.read(title)).revisions![0]!.content!;
    expect(text).toMatch(/^Notes\.\n\n## Link report\n\nAll links checked\./);
  });

  it("lists recent changes batch by batch with MediaWiki's continuation, its edits marked bot", async () => {
    const seen: number[] = [];
    let batches = 0;
    for await (const answer of bot.continuedQueryGen({ action: 'query', list: 'recentchanges', rcprop: 'title|ids|flags|user', rclimit: 2 })) {
      batches += 1;
      for (const change of answer.query!.recentchanges as { rcid: number; bot?: boolean; user: string }[]) {
        seen.push(change.rcid);
        if (change.user === OWNER.name) expect(change.bot).toBe(true);
      }
    }
    expect(batches).toBeGreaterThan(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it('searches', async () => {
    const results = await bot.search('ECPAT', 10, ['snippet']);
    expect(results.map((result) => result.title)).toContain('ECPAT');
  });

  it('uploads a file that readers can then load', async () => {
    const file = path.join(scratch, 'bot-upload.png');
    await writeFile(file, await uniquePng());
    const uploaded = await bot.upload(file, `Bot upload ${stamp}.png`, 'A picture the bot uploaded.', { comment: 'bot upload' });
    expect(uploaded.result).toBe('Success');
    const info = await bot.request({ action: 'query', titles: `File:Bot upload ${stamp}.png`, prop: 'imageinfo', iiprop: 'url|mime|size' });
    const image = (info.query!.pages as { imageinfo: { url: string; mime: string }[] }[])[0]!.imageinfo[0]!;
    expect(image.mime).toBe('image/png');
    const served = await fetch(image.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
  });

  it('moves a page and deletes it', async () => {
    const [from, to] = [page('old name'), page('new name')];
    await bot.create(from, 'A page that changes its name.', 'start');
    const moved = await bot.move(from, to, 'a better name');
    expect(moved).toMatchObject({ from, to });
    expect((await bot.read(from, { redirects: false })).revisions![0]!.content).toContain(to);
    await bot.delete(to, 'no longer needed');
    expect((await bot.read(to)).missing).toBe(true);
  });
});
