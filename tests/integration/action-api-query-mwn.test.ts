import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mwn } from 'mwn';
import { uniqueTitle } from '../support/database';
import { newEditor, saveEdits, type TestEditor } from '../support/rest-client';
import { GET, POST } from '@/app/w/api.php/route';

/*
 * mwn 3.0.3, the bot framework, reading through action=query as it does against MediaWiki: its
 * requests go over HTTP to a server that hands them to the api.php route handler.
 */

let server: Server;
let bot: Mwn;
let editor: TestEditor;
let title: string;
let revisions: number[];

beforeAll(async () => {
  server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === 'string') headers.set(name, value);
    headers.set('authorization', `Bearer ${editor.token}`);
    const url = `http://${incoming.headers.host}${incoming.url}`;
    const request = new Request(url, { method: incoming.method, headers, body: incoming.method === 'POST' ? Buffer.concat(chunks) : undefined });
    const response = await (incoming.method === 'POST' ? POST(request) : GET(request));
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  editor = await newEditor();
  title = uniqueTitle('Mwn read');
  revisions = await saveEdits(editor, title, [
    { text: 'First.', summary: 'one' },
    { text: 'Second.', summary: 'two' },
    { text: 'Third.', summary: 'three' },
  ]);
  const port = (server.address() as AddressInfo).port;
  bot = new Mwn({ apiUrl: `http://127.0.0.1:${port}/w/api.php`, silent: true, maxRetries: 0 });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('mwn over action=query', () => {
  it('reads tokens, site info and rights as after a login', async () => {
    await bot.getTokensAndSiteInfo();
    expect(bot.csrfToken).toMatch(/\+\\$/);
    expect(new bot.Title(`talk:${title}`).getNamespaceId()).toBe(1);
    expect(new bot.Title(`Image:Foo.png`).getNamespaceId()).toBe(6);
  });

  it('reads a page, its history (continuing) and its creator', async () => {
    const page = await bot.read(title);
    expect(page.revisions?.[0]?.content).toBe('Third.');
    const history = [];
    for await (const revision of new bot.Page(title).historyGen(['ids', 'comment'], { rvlimit: 2 })) history.push(revision);
    expect(history.map((revision) => revision.revid)).toEqual([...revisions].reverse());
    expect(await new bot.Page(title).getCreator()).toBe(editor.name);
    const missing = await bot.read(`${title} nowhere`);
    expect(missing.missing).toBe(true);
  });
});
