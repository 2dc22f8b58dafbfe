import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The server bundles import Prisma's generated client, which loads its query compiler (WASM)
  // at run time; keep these packages external so that Node resolves them from node_modules.
  serverExternalPackages: ['@prisma/client', '@prisma/adapter-pg', 'pg'],
  async redirects() {
    return [{ source: '/', destination: '/wiki/Main_Page', permanent: false }];
  },
};

export default nextConfig;
