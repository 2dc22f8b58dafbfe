import { defineConfig } from 'prisma/config';

// The Prisma CLI is used here only for `prisma generate` (see scripts/prisma-generate.mjs):
// migrations are applied by scripts/migrate.ts because the schema engine cannot be downloaded.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/unused' },
});
