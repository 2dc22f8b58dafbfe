import 'server-only';
import { getActor } from '@/lib/server/session';
import { listBotPasswords, type BotPasswordSummary } from '@/lib/server/bot-passwords';
import { botLoginName } from '@/lib/domain/bot-passwords';
import { can, type Decision } from '@/lib/domain/policy';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

export interface BotPasswordRow extends BotPasswordSummary {
  loginName: string;
}

export type BotPasswordsScreen =
  | { kind: 'denied'; decision: Extract<Decision, { allowed: false }>; returnTo: string }
  /** Special:BotPasswords: the owner's bot passwords and the create form. */
  | { kind: 'list'; userName: string; rows: BotPasswordRow[]; mayCreate: boolean }
  /** Special:BotPasswords/<appid>: one of them, to change, reset or delete. */
  | { kind: 'one'; userName: string; row: BotPasswordRow; mayChange: boolean }
  | { kind: 'missing'; appId: string };

/**
 * Special:BotPasswords for the reader (MediaWiki's layout: the list, and a subpage per bot
 * password). A blocked owner sees theirs and may delete them, but not create or change one.
 */
export async function loadBotPasswordsScreen(subpage: string | null): Promise<BotPasswordsScreen> {
  const actor = await getActor();
  const decision = can(actor, 'editmyprivateinfo');
  const returnTo = specialPageHref('BotPasswords', subpage ?? undefined);
  if (!decision.allowed && decision.reason !== 'blocked') return { kind: 'denied', decision, returnTo };
  const userName = actor.name!;
  const rows = (await listBotPasswords(actor)).map((row) => ({ ...row, loginName: botLoginName(userName, row.appId) }));
  if (subpage === null) return { kind: 'list', userName, rows, mayCreate: decision.allowed };
  // The subpage is the app id as typed in the address (underscores read as spaces, as titles do).
  const appId = subpage.replaceAll('_', ' ');
  const row = rows.find((candidate) => candidate.appId === subpage) ?? rows.find((candidate) => candidate.appId === appId);
  return row ? { kind: 'one', userName, row, mayChange: decision.allowed } : { kind: 'missing', appId };
}
