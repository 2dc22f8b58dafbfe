// Types of read-position.mjs for TypeScript (the front handler runs it as plain JavaScript).
export const DEFAULT_REPLICA_MAX_LAG_MS: number;
export const READ_POSITION_COOKIE: 'wiki_read_position';
export function parseWalPosition(text: unknown): bigint | null;
export function formatWalPosition(position: bigint): string;
export function readPositionOfCookies(cookieHeader: string | undefined): bigint;
export function readPositionLifetimeSeconds(maxLagMs: number): number;
export function readPositionSetCookie(position: bigint, maxAgeSeconds: number): string;
