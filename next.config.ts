import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { MAX_FORM_BODY_BYTES, NO_SCRIPT_CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from './lib/domain/http-security';

const asHeaderList = (headers: Readonly<Record<string, string>>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The server bundles import Prisma's generated client, which loads its query compiler (WASM)
  // at run time; keep these packages external so that Node resolves them from node_modules.
  serverExternalPackages: ['@prisma/client', '@prisma/adapter-pg', 'pg', 'pg-boss', 'piscina'],
  // Form posts may carry a whole page (2 MiB); Next's default of 1 MB refused larger edits with a 500.
  experimental: { serverActions: { bodySizeLimit: MAX_FORM_BODY_BYTES } },
  async redirects() {
    return [{ source: '/', destination: '/wiki/Main_Page', permanent: false }];
  },
  // The paged sitemaps of /sitemap.xml stay at the root (a sitemap may list only URLs under its own
  // directory), but a route segment cannot be partly a parameter: app/w/sitemap/[page]/ answers them.
  async rewrites() {
    return [{ source: '/sitemap-:page.xml', destination: '/w/sitemap/:page' }];
  },
  // Pages get their Content-Security-Policy (with a per-response nonce) from proxy.ts; REST and
  // feeds, which proxy.ts does not see, get one that allows no script at all.
  async headers() {
    return [
      { source: '/:path*', headers: asHeaderList(SECURITY_HEADERS) },
      { source: '/w/:path*', headers: asHeaderList({ 'Content-Security-Policy': NO_SCRIPT_CONTENT_SECURITY_POLICY }) },
    ];
  },
};

// next-intl finds the per-request language and catalogs here (no language in URLs).
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

export default withNextIntl(nextConfig);
