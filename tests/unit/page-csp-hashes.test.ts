import { describe, expect, it } from 'vitest';
import { pinScriptsByHash, scriptHashSource } from '../../runtime/page-csp-hashes.mjs';

/** A page shaped as Next.js writes it (scripts in the head and after the body's data), with markup a sanitizer bug let into the article. */
const NONCE = 'n0nce+/Value=AAAAAAAAAAA';
const POLICY = `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'`;
const INJECTED = [`<script>alert(1)</script>`, `<script src="/w/evil.js"></script>`, `<script nonce="guessed">alert(2)</script>`, `<img src=x onerror="alert(3)">`];
const PAGE = [
  `<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="${NONCE}" data-precedence="next"/>`,
  `<link rel="preload" as="script" fetchPriority="low" nonce="${NONCE}" href="/_next/static/chunks/late.js?v=1&amp;x=2"/>`,
  `<script src="/_next/static/chunks/main.js" async="" nonce="${NONCE}"></script>`,
  `<script src="/_next/static/chunks/polyfill.js" noModule="" nonce="${NONCE}"></script></head>`,
  `<body><main><p>Article</p>${INJECTED.join('')}</main>`,
  `<script nonce="${NONCE}">self.__next_f.push([1,"a\\u003cb"])</script>`,
  `<script nonce="${NONCE}" id="_R_">boot()</script>`,
  `<script src="/_next/static/chunks/late.js?v=1&amp;x=2" nonce="${NONCE}" async=""></script>`,
  `</body></html>`,
].join('');

const hashesOf = (policy: string) =>
  /script-src ([^;]*)/
    .exec(policy)![1]!
    .split(' ')
    .filter((source) => source.startsWith("'sha256-"));
const inlineScripts = (html: string) => [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((match) => ({ attributes: match[1]!, text: match[2]! }));

describe('a stored page pins its scripts by hash', () => {
  const pinned = pinScriptsByHash(PAGE, POLICY)!;

  it('replaces the nonce with the hashes of the page’s own inline scripts, keeping strict-dynamic and the rest of the policy', () => {
    expect(pinned.policy).not.toContain('nonce');
    expect(pinned.policy).toContain("'strict-dynamic'");
    expect(pinned.policy).toMatch(/^default-src 'self'; script-src 'self' 'sha256-[^;]+ 'strict-dynamic'; style-src 'self' 'unsafe-inline'$/);
    expect(hashesOf(pinned.policy)).toContain(scriptHashSource('self.__next_f.push([1,"a\\u003cb"])'));
    expect(hashesOf(pinned.policy)).toContain(scriptHashSource('boot()'));
    expect(pinned.html).not.toContain(NONCE);
  });

  it('hashes nothing that did not carry the nonce: slipped-in markup stays as it was, and blocked', () => {
    for (const markup of INJECTED) expect(pinned.html).toContain(markup);
    const allowed = new Set(hashesOf(pinned.policy));
    for (const text of ['alert(1)', 'alert(2)', '']) expect(allowed.has(scriptHashSource(text))).toBe(false);
    // Every script element left with a src is the slipped-in one: Next.js's became loaders.
    expect(inlineScripts(pinned.html).filter((script) => script.attributes.includes('src='))).toEqual([{ attributes: ' src="/w/evil.js"', text: '' }]);
  });

  it('turns each external script into a hashed loader of that one address, at its place', () => {
    const loaders = inlineScripts(pinned.html).filter((script) => script.text.includes('createElement'));
    expect(loaders.map((loader) => /s\.src="([^"]*)"/.exec(loader.text)![1])).toEqual([
      '/_next/static/chunks/main.js',
      '/_next/static/chunks/polyfill.js',
      '/_next/static/chunks/late.js?v=1&x=2',
    ]);
    expect(loaders.map((loader) => loader.text.includes('s.noModule=true'))).toEqual([false, true, false]);
    for (const loader of loaders) expect(hashesOf(pinned.policy)).toContain(scriptHashSource(loader.text));
    // The late chunk still comes after the data and the boot script before it.
    expect(pinned.html.indexOf('late.js')).toBeGreaterThan(pinned.html.indexOf('boot()'));
    expect(pinned.html.indexOf('main.js')).toBeLessThan(pinned.html.indexOf('</head>'));
    // Its preload, fetched under script-src, would be refused without the nonce: gone; the stylesheet stays.
    expect(pinned.html).not.toContain('rel="preload"');
    expect(pinned.html).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>');
  });

  it('gives the same bytes and policy for the same page, and nothing for a policy without a nonce', () => {
    expect(pinScriptsByHash(PAGE, POLICY)).toEqual(pinned);
    expect(pinScriptsByHash(PAGE, "default-src 'self'; script-src 'self'")).toBeNull();
  });
});
