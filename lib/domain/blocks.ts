/**
 * The block and unblock forms (Special:Block, Special:Unblock, the `block`/`unblock` maintenance
 * commands): one zod schema each, shared by the forms and the server.
 *
 * A block is sitewide, or partial: only for the listed pages (MediaWiki's partial blocks, which
 * allow at most 10 pages). Pure: no I/O. Whether the user and the pages exist is checked by the
 * server, which has the database.
 */
import { z } from 'zod';
import { normalizeUsername, USERNAME_MAX_LENGTH } from '@/lib/domain/accounts';
import { expiryField, reasonField } from '@/lib/domain/admin-input';
import { tryParseTitle, NS, type ParsedTitle } from '@/lib/domain/titles';
import { errorMessage, textInput, zodIssue, zodRefinement } from '@/lib/domain/error-messages';

/** MediaWiki's limit on the pages of one partial block. */
export const MAX_BLOCKED_PAGES = 10;

export type BlockScope = 'sitewide' | 'partial';

/** A user name as typed ("bob_smith" → "Bob smith"); existence is the server's question. */
export const userNameField = textInput(errorMessage('block.userRequired'))
  .transform((value) => normalizeUsername(value.replace(/^user:/iu, '')))
  .refine((name) => name.length >= 1, zodRefinement(errorMessage('block.userRequired')))
  .refine((name) => [...name].length <= USERNAME_MAX_LENGTH, zodRefinement(errorMessage('block.userNameTooLong', { max: USERNAME_MAX_LENGTH })));

/** The page list of a partial block: one title per line; blank lines and repeats are dropped. */
export const blockedPagesField = z
  .string()
  .default('')
  .transform((value, ctx): ParsedTitle[] => {
    const titles = new Map<string, ParsedTitle>();
    for (const line of value.split(/\r?\n/u)) {
      if (line.trim() === '') continue;
      const parsed = tryParseTitle(line.trim());
      if (!parsed.ok) {
        ctx.addIssue(zodIssue(errorMessage('block.pageInvalid', { line: line.trim(), reason: parsed.message })));
        return z.NEVER;
      }
      if (parsed.title.namespace === NS.SPECIAL) {
        ctx.addIssue(zodIssue(errorMessage('block.pageSpecial', { title: parsed.title.prefixedText })));
        return z.NEVER;
      }
      titles.set(parsed.title.prefixedDbKey, parsed.title);
    }
    if (titles.size > MAX_BLOCKED_PAGES) {
      ctx.addIssue(zodIssue(errorMessage('block.tooManyPages', { max: MAX_BLOCKED_PAGES, count: titles.size })));
      return z.NEVER;
    }
    return [...titles.values()];
  });

export const blockFormSchema = z
  .object({
    target: userNameField,
    expiry: expiryField,
    reason: reasonField,
    scope: textInput(errorMessage('block.scopeRequired')).refine(
      (value): value is BlockScope => value === 'sitewide' || value === 'partial',
      zodRefinement(errorMessage('block.scopeRequired')),
    ),
    pages: blockedPagesField,
  })
  .refine((input) => input.scope !== 'partial' || input.pages.length > 0, {
    ...zodRefinement(errorMessage('block.pagesRequired'), { path: ['pages'] }),
    // Also when other fields failed, so that every problem is reported at once; only when the
    // two fields this reads were parsed.
    when: (payload) => {
      const value = payload.value as { scope?: unknown; pages?: unknown };
      return !payload.issues.some((issue) => issue.path?.[0] === 'scope' || issue.path?.[0] === 'pages') && Array.isArray(value.pages);
    },
  })
  // A sitewide block covers every page: a list typed before switching scope means nothing.
  .transform((input) => (input.scope === 'sitewide' ? { ...input, pages: [] } : input));

export type BlockInput = z.output<typeof blockFormSchema>;

export const unblockFormSchema = z.object({ target: userNameField, reason: reasonField });

export type UnblockInput = z.output<typeof unblockFormSchema>;

/** A block as Special:BlockList shows it. */
export interface BlockListEntry {
  id: number;
  user: { id: number; name: string };
  by: { id: number; name: string };
  createdAt: Date;
  /** null = indefinite. */
  expiresAt: Date | null;
  sitewide: boolean;
  /** Titles of the pages of a partial block (pages deleted since are left out). */
  pageTitles: string[];
  reason: string;
}
