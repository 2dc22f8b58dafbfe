#!/bin/sh
# Stands in for Prisma's native schema engine, which cannot be downloaded on these machines.
# `prisma generate` only checks that this file exists; anything that really runs it stops here.
echo "The Prisma schema engine is not available offline. Use 'npm run db:migrate' (scripts/migrate.ts) to apply migrations." >&2
exit 1
