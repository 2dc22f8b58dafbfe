/**
 * The parameters of api.php's write actions that need more than ApiParams' types, read as
 * MediaWiki reads them: edit's `section`, the comments every write takes (summary, reason), and
 * action=protect's `protections` and `expiry` lists mapped onto this wiki's protection levels.
 *
 * Pure: no I/O.
 */
import { ApiError, quotedValue } from '@/lib/domain/action-api/errors';
import { parseApiTimestamp } from '@/lib/domain/action-api/params';
import { parseExpiry } from '@/lib/domain/admin-input';
import type { LevelChoice, ProtectableAction, RequestedRestriction } from '@/lib/domain/protection';

/** MediaWiki's CommentStore::COMMENT_CHARACTER_LIMIT: longer summaries and reasons are cut, not refused. */
export const MAX_COMMENT_CHARS = 500;

/** A summary or reason as MediaWiki stores it: one line, at most 500 characters (code points). */
export function apiComment(value: string | undefined): string {
  const oneLine = (value ?? '').replace(/[\r\n]+/gu, ' ').trim();
  const chars = [...oneLine];
  return chars.length > MAX_COMMENT_CHARS ? chars.slice(0, MAX_COMMENT_CHARS).join('') : oneLine;
}

/** action=edit's `section`: a section number, "new", or absent (null: the whole page). */
export function sectionParam(raw: string | undefined): number | 'new' | null {
  if (raw === undefined || raw === '') return null;
  if (raw === 'new') return 'new';
  // MediaWiki also takes "T-1" (a template's section); this wiki's sections are the page's own.
  if (/^\d{1,9}$/u.test(raw)) return Number(raw);
  throw new ApiError('invalidsection', 'The section parameter must be a valid section ID or "new".');
}

/**
 * MediaWiki's protection levels and this wiki's: "sysop" is an administrator, "all" (or empty) no
 * protection. This wiki's own names are accepted too ("admin", "registered").
 */
const LEVELS_IN: Readonly<Record<string, LevelChoice>> = {
  all: 'none',
  '': 'none',
  registered: 'registered',
  autoconfirmed: 'autoconfirmed',
  sysop: 'admin',
  admin: 'admin',
};

/** How a level is named in the answer: MediaWiki's names ("" for none, as MediaWiki's "all"). */
export function apiLevelName(level: LevelChoice): string {
  if (level === 'admin') return 'sysop';
  return level === 'none' ? '' : level;
}

export interface RequestedProtections {
  restrictions: Partial<Record<ProtectableAction, RequestedRestriction>>;
  /** In the order asked, for the answer. */
  order: ProtectableAction[];
}

function expiryOf(raw: string, now: Date): Date | null {
  const value = raw.trim();
  // MediaWiki's timestamps (20261207000000, ISO 8601) first; then "infinite", "1 week", a date.
  const timestamp = /^\d{14}$/u.test(value) ? parseApiTimestamp(value, now) : null;
  if (timestamp !== null) {
    if (timestamp.getTime() <= now.getTime()) throw new ApiError('pastexpiry', `Expiry time "${quotedValue(raw)}" is in the past.`);
    return timestamp;
  }
  const parsed = parseExpiry(value === '' ? 'infinite' : value, now);
  if (parsed.ok) return parsed.expiresAt;
  if (parsed.text.key === 'admin.expiryPast') throw new ApiError('pastexpiry', `Expiry time "${quotedValue(raw)}" is in the past.`);
  throw new ApiError('invalidexpiry', `Invalid expiry time "${quotedValue(raw)}". ${parsed.message}`);
}

/**
 * `protections` ("edit=sysop|move=autoconfirmed") and `expiry` (one for all, or one each) as
 * MediaWiki's ApiProtect reads them. Actions not listed are unprotected, as MediaWiki does.
 */
export function requestedProtections(protections: readonly string[], expiries: readonly string[], allowed: readonly ProtectableAction[], now: Date): RequestedProtections {
  const given = expiries.length === 0 ? ['infinite'] : expiries;
  if (given.length !== 1 && given.length !== protections.length) {
    throw new ApiError('toofewexpiries', `${given.length} expiry timestamps were provided where ${protections.length} were needed.`);
  }
  const restrictions: RequestedProtections['restrictions'] = {};
  const order: ProtectableAction[] = [];
  protections.forEach((entry, index) => {
    const [action = '', level = '', ...rest] = entry.split('=');
    if (rest.length > 0 || !entry.includes('=')) throw new ApiError('protect-invalidaction', `Invalid protection type "${quotedValue(entry)}".`);
    if (!(allowed as readonly string[]).includes(action)) {
      const note = action === 'create' ? ' This wiki has no create protection: edit protection also covers creating the page.' : '';
      throw new ApiError('protect-invalidaction', `Invalid protection type "${quotedValue(action)}".${note}`);
    }
    const mapped = Object.hasOwn(LEVELS_IN, level) ? LEVELS_IN[level] : undefined;
    if (mapped === undefined) throw new ApiError('protect-invalidlevel', `Invalid protection level "${quotedValue(level)}".`);
    if (restrictions[action as ProtectableAction]) throw new ApiError('invalidparammix', `The protection type "${action}" is given twice in "protections".`);
    const expiresAt = mapped === 'none' ? null : expiryOf(given.length === 1 ? given[0]! : given[index]!, now);
    restrictions[action as ProtectableAction] = { level: mapped, expiresAt };
    order.push(action as ProtectableAction);
  });
  for (const action of allowed) restrictions[action] ??= { level: 'none', expiresAt: null };
  return { restrictions, order };
}
