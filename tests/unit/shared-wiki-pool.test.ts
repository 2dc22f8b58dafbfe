import { afterEach, describe, expect, it } from 'vitest';
import { leaseSharedWiki } from '../support/e2e-suite';
import { expectBorrowers, startWikiPool, type PooledWiki, type WikiPool } from '../support/shared-wiki-pool';

/*
 * The pool that lends the end-to-end files their shared wikis (tests/support/shared-wiki-pool.ts),
 * with stand-ins for the wikis: a wiki is lent to one file at a time, comes back when the file's
 * connection closes (released or not), and is stopped once no file left will ask for it.
 */

const registry = globalThis as typeof globalThis & { wikiPoolBorrowers?: Set<string> };
let pool: WikiPool | undefined;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
  delete registry.wikiPoolBorrowers;
});

function fakeWikis() {
  const stopped: string[] = [];
  let made = 0;
  const start = async (): Promise<PooledWiki> => {
    made += 1;
    const baseUrl = `http://wiki-${made}.test`;
    return { baseUrl, botToken: `token-${made}`, output: () => `output of ${baseUrl}`, stop: async () => void stopped.push(baseUrl) };
  };
  return { start, stopped, made: () => made };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the shared wikis pool', () => {
  it('lends a wiki to one file at a time, and starts another only while all are lent', async () => {
    const wikis = fakeWikis();
    pool = await startWikiPool({ size: 2, start: wikis.start });
    const first = await leaseSharedWiki(pool.url);
    const second = await leaseSharedWiki(pool.url);
    expect([first.baseUrl, second.baseUrl]).toEqual(['http://wiki-1.test', 'http://wiki-2.test']);
    expect(first.botToken).toBe('token-1');

    // Both lent and the pool full: the third file waits for the first wiki given back.
    let third: string | undefined;
    const waiting = leaseSharedWiki(pool.url).then((lease) => (third = lease.baseUrl));
    await tick();
    expect(third).toBeUndefined();
    first.release();
    await waiting;
    expect(third).toBe('http://wiki-1.test');
    expect(wikis.made()).toBe(2);
  });

  it('takes a wiki back when the borrowing connection ends, and serves its output', async () => {
    const wikis = fakeWikis();
    pool = await startWikiPool({ size: 1, start: wikis.start });
    const lease = await leaseSharedWiki(pool.url);
    expect(await (await fetch(`${pool.url}/output/${lease.id}`)).text()).toBe('output of http://wiki-1.test');
    lease.release();
    const again = await leaseSharedWiki(pool.url);
    expect(again.baseUrl).toBe('http://wiki-1.test');
    expect(wikis.made()).toBe(1);
  });

  it('stops a wiki once fewer files are left to borrow one than wikis are free', async () => {
    const wikis = fakeWikis();
    expectBorrowers(['a.test.ts', 'b.test.ts', 'c.test.ts']);
    pool = await startWikiPool({ size: 2, start: wikis.start });
    const a = await leaseSharedWiki(pool.url);
    const b = await leaseSharedWiki(pool.url);
    a.release();
    await tick();
    // One file (c) is still to come and one wiki is free: both wikis stay.
    expect(wikis.stopped).toEqual([]);
    const c = await leaseSharedWiki(pool.url);
    b.release();
    await tick();
    expect(wikis.stopped).toEqual(['http://wiki-2.test']);
    c.release();
    await tick();
    expect(wikis.stopped).toEqual(['http://wiki-2.test', 'http://wiki-1.test']);
  });

  it('answers 500 with the reason when a wiki cannot start', async () => {
    pool = await startWikiPool({
      size: 1,
      start: async () => {
        throw new Error('port taken');
      },
    });
    await expect(leaseSharedWiki(pool.url)).rejects.toThrow('The shared wiki did not start: port taken');
  });
});
