import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, crossSiteWriteProblem, NO_SCRIPT_CONTENT_SECURITY_POLICY, siteOrigin } from '@/lib/domain/http-security';

describe('contentSecurityPolicy', () => {
  it('allows scripts only by nonce, with eval only under next dev', () => {
    const production = contentSecurityPolicy('abc123');
    expect(production).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic';");
    expect(production).not.toContain('unsafe-eval');
    expect(production).toContain("object-src 'none'");
    expect(production).toContain("base-uri 'none'");
    expect(production).toContain("frame-ancestors 'none'");
    // Special:Upload previews the chosen file from an object URL.
    expect(production).toContain("img-src 'self' https: data: blob:;");
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

describe('NO_SCRIPT_CONTENT_SECURITY_POLICY (REST, feeds, /html documents)', () => {
  it('runs nothing, and admits a <base> on the wiki itself only (the /html documents name their page in one)', () => {
    expect(NO_SCRIPT_CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(NO_SCRIPT_CONTENT_SECURITY_POLICY).not.toContain('script-src');
    expect(NO_SCRIPT_CONTENT_SECURITY_POLICY).toContain("base-uri 'self';");
  });
});

describe('siteOrigin', () => {
  const headers = (values: Record<string, string>) => new Headers(values);
  const forged = { host: 'wiki.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

  it('is NEXTAUTH_URL when set, whatever the request says', () => {
    expect(siteOrigin(headers(forged), { NEXTAUTH_URL: 'https://Wiki.Example.org:443/' })).toBe('https://wiki.example.org');
    expect(siteOrigin(headers(forged), { NEXTAUTH_URL: 'https://wiki.example.org', TRUST_PROXY: 'true' })).toBe('https://wiki.example.org');
  });

  it('is the Host header otherwise, X-Forwarded-Host and -Proto ignored unless TRUST_PROXY says a proxy sets them', () => {
    expect(siteOrigin(headers(forged), {})).toBe('http://wiki.example');
    expect(siteOrigin(headers(forged), { TRUST_PROXY: 'false' })).toBe('http://wiki.example');
    expect(siteOrigin(headers(forged), { TRUST_PROXY: 'true' })).toBe('https://evil.example');
    expect(siteOrigin(headers({ host: 'wiki.example:443', 'x-forwarded-proto': 'https, http' }), { TRUST_PROXY: '1' })).toBe('https://wiki.example');
  });

  it('is null when the host is missing or not a host name, and skips an unusable NEXTAUTH_URL', () => {
    expect(siteOrigin(headers({}), {})).toBeNull();
    expect(siteOrigin(headers({ host: 'evil.example/path?' }), {})).toBeNull();
    expect(siteOrigin(headers({ host: 'wiki.example' }), { NEXTAUTH_URL: 'not a url' })).toBe('http://wiki.example');
    expect(siteOrigin(headers({ host: '[::1]:3000' }), {})).toBe('http://[::1]:3000');
  });
});
