import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, crossSiteWriteProblem } from '@/lib/domain/http-security';

describe('contentSecurityPolicy', () => {
  it('allows scripts only by nonce, with eval only under next dev', () => {
    const production = contentSecurityPolicy('abc123');
    expect(production).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic';");
    expect(production).not.toContain('unsafe-eval');
    expect(production).toContain("object-src 'none'");
    expect(production).toContain("base-uri 'none'");
    expect(production).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy('abc123', { development: true })).toContain("'nonce-abc123' 'strict-dynamic' 'unsafe-eval'");
  });
});

describe('crossSiteWriteProblem', () => {
  const facts = { method: 'POST', origin: null, secFetchSite: null, host: 'wiki.example' };

  it('lets reads, same-host writes and scripted writes without Origin through', () => {
    expect(crossSiteWriteProblem({ ...facts, method: 'GET', origin: 'https://evil.example' })).toBeNull();
    expect(crossSiteWriteProblem({ ...facts, origin: 'https://wiki.example' })).toBeNull();
    expect(crossSiteWriteProblem({ ...facts, origin: 'https://WIKI.example:443' })).toBeNull();
    expect(crossSiteWriteProblem({ ...facts, secFetchSite: 'same-origin' })).toBeNull();
    expect(crossSiteWriteProblem(facts)).toBeNull();
  });

  it.each([
    ['another site', { origin: 'https://evil.example' }],
    ['a subdomain', { origin: 'https://evil.wiki.example' }],
    ['another port', { origin: 'https://wiki.example:8443' }],
    ['an opaque origin', { origin: 'null' }],
    ['a non-web scheme', { origin: 'file://wiki.example' }],
    ['a browser-marked cross-site request without Origin', { secFetchSite: 'cross-site' }],
    ['a browser-marked same-site (sibling subdomain) request without Origin', { secFetchSite: 'same-site' }],
  ])('refuses a write from %s', (_label, extra) => {
    expect(crossSiteWriteProblem({ ...facts, ...extra })).toEqual(expect.any(String));
  });
});
