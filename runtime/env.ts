import { existsSync } from 'node:fs';
import path from 'node:path';

// Scripts read .env like Next.js does, so DATABASE_URL set there applies to start, migrate and
// maintenance alike. Variables already in the environment win.
const envFile = path.resolve(import.meta.dirname, '..', '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
