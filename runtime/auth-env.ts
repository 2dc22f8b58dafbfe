import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './database';

/**
 * Sign-in settings for the server, so that `npm start` needs no configuration:
 * - NEXTAUTH_SECRET signs session cookies. When unset, a random secret is created once and kept
 *   in the data folder (mode 0600), so sessions survive restarts and nothing secret is committed.
 * - Without NEXTAUTH_URL, next-auth would assume http://localhost:3000; AUTH_TRUST_HOST makes it
 *   use the request's host instead (set NEXTAUTH_URL in production behind a public address).
 */
export function authEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  if (!process.env.NEXTAUTH_SECRET && !process.env.AUTH_SECRET) {
    const dataDir = path.resolve(projectRoot, process.env.WIKI_DATA_DIR ?? 'data');
    const secretFile = path.join(dataDir, 'auth-secret');
    if (!existsSync(secretFile)) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(secretFile, randomBytes(32).toString('base64url'), { mode: 0o600 });
    }
    env.NEXTAUTH_SECRET = readFileSync(secretFile, 'utf8').trim();
  }
  if (!process.env.NEXTAUTH_URL) env.AUTH_TRUST_HOST = '1';
  return env;
}
