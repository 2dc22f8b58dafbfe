import 'server-only';
import { getDb, readFromPrimary, untrackedWrite } from '@/lib/server/db';
import { AppError } from '@/lib/domain/errors';
import { errorMessage, type ErrorKey, type ErrorMessage } from '@/lib/domain/error-messages';

/**
 * A limit an operator may raise, as MediaWiki's $wgRateLimits and $wgAccountCreationThrottle are:
 * anything but a positive whole number keeps the default, so a typo never switches a throttle off.
 */
function configuredLimit(name: string, fallback: number): number {
  const configured = Number(process.env[name]);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : fallback;
}

/** Saves per user (or IP) per minute, raised for a wiki with busy bots or for a load test. */
const editsPerMinute = () => configuredLimit('WIKI_EDIT_RATE_LIMIT', 30);

/**
 * Saves per bot account per minute. MediaWiki's bot group has no 'noratelimit' (only sysops and
 * bureaucrats do), and $wgRateLimits sets limits per group: bots get a much higher limit than
 * people rather than none, so a runaway script is still stopped (docs/bots.md).
 */
const botEditsPerMinute = () => configuredLimit('WIKI_BOT_EDIT_RATE_LIMIT', 600);

/**
 * Uploads per account, and per address, per minute. Each upload costs a type check, an image probe
 * and megabytes of storage, so the default is lower than for edits.
 */
const uploadsPerMinute = () => configuredLimit('WIKI_UPLOAD_RATE_LIMIT', 10);

/** Accounts created per address per day, raised for a school or an event behind one address. */
const accountsPerDay = () => configuredLimit('WIKI_ACCOUNT_CREATION_LIMIT', 6);

/** The throttles of the wiki, as MediaWiki's $wgRateLimits: hits per window per subject. */
export const LIMITS = {
  /** Failed sign-ins per username + IP. */
  signinFailure: { bucket: 'signin-failure', hits: 5, windowSeconds: 5 * 60, refusal: 'rateLimit.signinFailure' },
  /**
   * Failed sign-ins per username from all addresses together (MediaWiki's password throttle with
   * allIPs), so a guesser with many addresses is slowed too. The window is short on purpose:
   * whoever can type a name can trip this limit, and the owner must not be locked out for long.
   */
  signinFailureAccount: { bucket: 'signin-failure-account', hits: 20, windowSeconds: 5 * 60, refusal: 'rateLimit.signinFailureAccount' },
  /** Accounts created per IP. */
  accountCreation: {
    bucket: 'account-creation',
    get hits() {
      return accountsPerDay();
    },
    windowSeconds: 24 * 60 * 60,
    refusal: 'rateLimit.accountCreation',
  },
  /** Saves per user. */
  edit: { bucket: 'edit', hits: editsPerMinute(), windowSeconds: 60, refusal: 'rateLimit.edit' },
  /** Saves per bot account (users.is_bot): its own bucket, so a flag change starts a fresh count. */
  botEdit: {
    bucket: 'edit-bot',
    get hits() {
      return botEditsPerMinute();
    },
    windowSeconds: 60,
    refusal: 'rateLimit.edit',
  },
  /** Uploads per account (read at each use: the setting applies without reloading this module). */
  upload: {
    bucket: 'upload',
    get hits() {
      return uploadsPerMinute();
    },
    windowSeconds: 60,
    refusal: 'rateLimit.upload',
  },
  /** Uploads per address, all accounts together (one person with several accounts). */
  uploadAddress: {
    bucket: 'upload-address',
    get hits() {
      return uploadsPerMinute();
    },
    windowSeconds: 60,
    refusal: 'rateLimit.uploadAddress',
  },
  /**
   * Thanks sent per account: MediaWiki's $wgRateLimits['thanks-notification'] (10 a minute). Each
   * one notifies someone, so a burst is spam whoever it is aimed at.
   */
  thank: { bucket: 'thank', hits: 10, windowSeconds: 60, refusal: 'rateLimit.thank' },
  /**
   * Confirmation e-mails per account: MediaWiki's $wgRateLimits['changeemail'] (4 a day per user).
   * Each one mails an address the wiki cannot vouch for yet, so it must not become a spam cannon.
   */
  confirmEmail: { bucket: 'confirm-email', hits: 4, windowSeconds: 24 * 60 * 60, refusal: 'email.tooMany' },
} as const satisfies Record<string, { bucket: string; hits: number; windowSeconds: number; refusal: ErrorKey }>;

export type Limit = (typeof LIMITS)[keyof typeof LIMITS];

interface WindowRow {
  hits: number;
  window_start: Date;
}

/**
 * Counts one hit in the subject's current window (fixed windows: a new window starts when the
 * old one has expired) and returns the window's state. One statement, so concurrent hits from
 * several app instances are counted exactly.
 */
async function hit(limit: Limit, subject: string): Promise<WindowRow> {
  const rows = await untrackedWrite(
    () => getDb().$queryRaw<WindowRow[]>`
    INSERT INTO rate_limit_windows (bucket, subject, window_start, hits)
    VALUES (${limit.bucket}, ${subject}, now(), 1)
    ON CONFLICT (bucket, subject) DO UPDATE SET
      hits = CASE WHEN rate_limit_windows.window_start <= now() - make_interval(secs => ${limit.windowSeconds})
                  THEN 1 ELSE rate_limit_windows.hits + 1 END,
      window_start = CASE WHEN rate_limit_windows.window_start <= now() - make_interval(secs => ${limit.windowSeconds})
                  THEN now() ELSE rate_limit_windows.window_start END
    RETURNING hits, window_start`,
  );
  return rows[0]!;
}

async function current(limit: Limit, subject: string): Promise<WindowRow | null> {
  // From the primary: a replica's lag would let a burst through that the window already refuses.
  const rows = await readFromPrimary(
    () => getDb().$queryRaw<WindowRow[]>`
    SELECT hits, window_start FROM rate_limit_windows
    WHERE bucket = ${limit.bucket} AND subject = ${subject}
      AND window_start > now() - make_interval(secs => ${limit.windowSeconds})`,
  );
  return rows[0] ?? null;
}

function refusal(limit: Limit, window: WindowRow): AppError {
  const resetAt = window.window_start.getTime() + limit.windowSeconds * 1000;
  const retryAfterSeconds = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
  const wait =
    retryAfterSeconds >= 120 ? errorMessage('duration.minutes', { count: Math.ceil(retryAfterSeconds / 60) }) : errorMessage('duration.seconds', { count: retryAfterSeconds });
  return new AppError('RATE_LIMITED', errorMessage(limit.refusal, { hits: limit.hits, window: describeWindow(limit.windowSeconds), wait }), {
    retryAfterSeconds,
  });
}

/** "a minute", "5 minutes", "a day". */
function describeWindow(seconds: number): ErrorMessage {
  if (seconds % 86_400 === 0) return errorMessage('duration.days', { count: seconds / 86_400 });
  if (seconds % 60 === 0) return errorMessage('duration.minutes', { count: seconds / 60 });
  return errorMessage('duration.seconds', { count: seconds });
}

/** The edit throttle that applies to `actor`: LIMITS.botEdit for a bot account, LIMITS.edit for everyone else. */
export function editLimitFor(actor: { bot?: boolean }): Limit {
  return actor.bot === true ? LIMITS.botEdit : LIMITS.edit;
}

/** Counts an action and throws RATE_LIMITED once the subject exceeds the limit. */
export async function consume(limit: Limit, subject: string): Promise<void> {
  const window = await hit(limit, subject);
  if (window.hits > limit.hits) throw refusal(limit, window);
}

/** Throws RATE_LIMITED if the subject has already reached the limit (for counting failures only). */
export async function assertBelow(limit: Limit, subject: string): Promise<void> {
  const window = await current(limit, subject);
  if (window && window.hits >= limit.hits) throw refusal(limit, window);
}

/** Records one failure (e.g. a wrong password) without refusing this attempt. */
export async function recordFailure(limit: Limit, subject: string): Promise<void> {
  await hit(limit, subject);
}

/** Forgets a subject's failures, e.g. after a successful sign-in. */
export async function reset(limit: Limit, subject: string): Promise<void> {
  await getDb().rateLimitWindow.deleteMany({ where: { bucket: limit.bucket, subject } });
}
