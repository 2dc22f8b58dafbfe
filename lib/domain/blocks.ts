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

/** MediaWiki's limit on the pages of one partial block. */
export const MAX_BLOCKED_PAGES = 10;

export type BlockScope = 'sitewide' | 'partial';

/** A user name as typed ("bob_smith" → "Bob smith"); existence is the server's question. */
export const userNameField = z
  .string({ error: 'Give the name of a user.' })
  .transform((value) => normalizeUsername(value.replace(/^user:/iu, '')))
  .pipe(
    z
      .string()
      .min(1, 'Give the name of a user.')
      .refine((name) => [...name].length <= USERNAME_MAX_LENGTH, `User names have at most ${USERNAME_MAX_LENGTH} characters.`),
  );

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
        ctx.addIssue({ code: 'custom', message: `"${line.trim()}" is not a valid page title: ${parsed.reason}.` });
        return z.NEVER;
      }
      if (parsed.title.namespace === NS.SPECIAL) {
        ctx.addIssue({ code: 'custom', message: `"${parsed.title.prefixedText}" is a special page; it cannot be edited anyway.` });
        return z.NEVER;
      }
      titles.set(parsed.title.prefixedDbKey, parsed.title);
    }
    if (titles.size > MAX_BLOCKED_PAGES) {
      ctx.addIssue({ code: 'custom', message: `A partial block lists at most ${MAX_BLOCKED_PAGES} pages (this one has ${titles.size}).` });
      return z.NEVER;
    }
    return [...titles.values()];
  });

export const blockFormSchema = z
  .object({
    target: userNameField,
    expiry: expiryField,
    reason: reasonField,
    scope: z.enum(['sitewide', 'partial'], { error: 'Choose whether the block is sitewide or for some pages only.' }),
    pages: blockedPagesField,
  })
  .refine((input) => input.scope !== 'partial' || input.pages.length > 0, {
    path: ['pages'],
    message: 'List the pages the user may not edit, one per line, or choose a sitewide block.',
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
