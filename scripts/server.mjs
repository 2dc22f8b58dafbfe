// The production HTTP server: Next.js behind a thin Node front handler (a "custom server").
// Its one job for now is to make the client address trustworthy: Next.js keeps an
// X-Forwarded-For sent by the client, so anyone could dodge per-IP throttles by inventing one.
// Unless TRUST_PROXY is set (the wiki sits behind a reverse proxy that sets the header), the
// header is replaced by the socket's real address.
import http from 'node:http';
import next from 'next';

// Session cookies are signed with this secret; without it next-auth would fail on the first
// sign-in instead of at start. `npm start` provides one (NEXTAUTH_SECRET from data/auth-secret).
if (!process.env.NEXTAUTH_SECRET && !process.env.AUTH_SECRET) {
  console.error('Cannot start the wiki: set NEXTAUTH_SECRET (or AUTH_SECRET) to a long random string, e.g. `openssl rand -base64 32`; it signs session cookies.');
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME_BIND ?? '0.0.0.0';
const trustProxy = ['1', 'true', 'yes'].includes(String(process.env.TRUST_PROXY ?? '').toLowerCase());

const app = next({ dev: false, dir: process.cwd(), port, hostname: 'localhost' });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  if (!trustProxy) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
  handle(req, res);
});

server.listen(port, hostname, () => console.log(`✓ Ready on port ${port}`));

// Graceful stop: finish in-flight requests, refuse new connections, then exit 0.
let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 8_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
