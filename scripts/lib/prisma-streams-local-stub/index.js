// Installed in place of @prisma/streams-local (package.json "overrides"): the real package needs
// Node 22 and serves only `prisma dev`'s local Prisma Postgres, which this project does not use.
export async function startLocalDurableStreamsServer() {
  throw new Error('`prisma dev` is not available in this project: `npm start` runs the embedded PGlite database instead.');
}
