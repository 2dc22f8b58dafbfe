import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { MAX_LIMIT, type ChangeRow } from '@/lib/domain/history';
import type { Actor } from '@/lib/domain/policy';
import { HIDDEN_BITS, mayViewDeleted } from '@/lib/domain/visibility';
import type { Namespace } from '@/lib/domain/titles';
import { getDb } from '@/lib/server/db';
import { ANONYMOUS_AUTHOR, LIVE_REVISIONS, listChanges } from '@/lib/server/history';
import { mwTimestamp, type TimeDirection } from '@/lib/server/action-api/query/list-common';

/*
 * The revision lists of the API (list=recentchanges, list=usercontribs) over the query behind
 * Special:RecentChanges and Special:Contributions (lib/server/history.ts listChanges): the same
 * keyset on revision id, the same redaction of hidden parts, archived revisions left out. The API's
 * filters are extra conditions on `r`; its limits above the web's 500 are walked in several calls.
 */

/** Conditions on the revision `r` shared by both lists. */
export interface ChangeFilters {
  namespaces?: readonly Namespace[];
  start?: Date;
  end?: Date;
  dir: TimeDirection;
  /** Only these authors / never these. */
  authorIds?: readonly number[];
  excludeAuthorId?: number;
  /** Authors whose name starts with this (ucuserprefix). */
  authorPrefix?: string;
  minor?: boolean;
  bot?: boolean;
  anonymous?: boolean;
  creation?: boolean;
  latest?: boolean;
  redirect?: boolean;
}

const CREATION = Prisma.sql`NOT EXISTS (SELECT 1 FROM revisions pr WHERE pr.id = r.parent_id AND NOT pr.archived)`;
const LATEST = Prisma.sql`EXISTS (SELECT 1 FROM pages pl WHERE pl.id = r.page_id AND pl.latest_revision_id = r.id)`;
const REDIRECT = Prisma.sql`EXISTS (SELECT 1 FROM pages pd WHERE pd.id = r.page_id AND pd.is_redirect)`;

function negated(condition: Prisma.Sql, wanted: boolean | undefined): Prisma.Sql[] {
  if (wanted === undefined) return [];
  return [wanted ? condition : Prisma.sql`NOT (${condition})`];
}

export function changeConditions(filters: ChangeFilters, viewer: Actor): Prisma.Sql[] {
  const where: Prisma.Sql[] = [LIVE_REVISIONS];
  // Filtering by author would tell whose edits a hidden author's are: as getContributions, only viewers of deleted material.
  const byAuthor = filters.authorIds !== undefined || filters.excludeAuthorId !== undefined || filters.authorPrefix !== undefined || filters.anonymous !== undefined;
  if (byAuthor && !mayViewDeleted(viewer)) where.push(Prisma.sql`r.hidden & ${HIDDEN_BITS.author} = 0`);
  if (filters.namespaces && filters.namespaces.length > 0) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM pages pn WHERE pn.id = r.page_id AND pn.namespace = ANY(${[...filters.namespaces]}::int[]))`);
  }
  // start is where the walk begins: the newer end when walking older, the older end when walking newer.
  const [upper, lower] = filters.dir === 'older' ? [filters.start, filters.end] : [filters.end, filters.start];
  if (upper) where.push(Prisma.sql`r.created_at <= ${upper}`);
  if (lower) where.push(Prisma.sql`r.created_at >= ${lower}`);
  if (filters.authorIds) where.push(Prisma.sql`r.author_id = ANY(${[...filters.authorIds]}::int[])`);
  if (filters.excludeAuthorId !== undefined) where.push(Prisma.sql`r.author_id <> ${filters.excludeAuthorId}`);
  if (filters.authorPrefix !== undefined) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM users ua WHERE ua.id = r.author_id AND starts_with(ua.name, ${filters.authorPrefix}))`);
  }
  where.push(...negated(Prisma.sql`r.minor`, filters.minor));
  where.push(...negated(Prisma.sql`r.bot`, filters.bot));
  where.push(...negated(ANONYMOUS_AUTHOR, filters.anonymous));
  where.push(...negated(CREATION, filters.creation));
  where.push(...negated(LATEST, filters.latest));
  where.push(...negated(REDIRECT, filters.redirect));
  return where;
}

/**
 * Up to `limit` changes from `fromId` (inclusive) in the direction asked, and the id the next
 * batch starts at. One row more than asked is read: it is where the next batch begins.
 */
export async function walkChanges(
  where: Prisma.Sql[],
  options: { limit: number; dir: TimeDirection; fromId?: number },
  viewer: Actor,
): Promise<{ rows: ChangeRow[]; next?: string }> {
  const rows: ChangeRow[] = [];
  let cursor = options.fromId === undefined ? undefined : options.dir === 'older' ? options.fromId + 1 : options.fromId - 1;
  const wanted = options.limit + 1;
  for (;;) {
    const chunk = Math.min(MAX_LIMIT, wanted - rows.length);
    const page = await listChanges(where, options.dir === 'older' ? { limit: chunk, olderThan: cursor } : { limit: chunk, newerThan: cursor ?? 0 }, viewer);
    // listChanges hands rows out newest first whichever way it walked.
    const batch = options.dir === 'older' ? page.rows : [...page.rows].reverse();
    rows.push(...batch);
    const more = options.dir === 'older' ? page.older !== null : page.newer !== null;
    if (rows.length >= wanted || !more || batch.length === 0) break;
    cursor = batch.at(-1)!.revisionId;
  }
  const following = rows.length > options.limit ? rows[options.limit] : undefined;
  return { rows: rows.slice(0, options.limit), next: following ? `${mwTimestamp(following.createdAt)}|${following.revisionId}` : undefined };
}

/** What ChangeRow does not carry: each revision's SHA-1 and whether its page is a redirect (rcprop=sha1|redirect). */
export async function revisionExtras(ids: readonly number[]): Promise<Map<number, { sha1: string; redirect: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await getDb().$queryRaw<{ id: number; sha1: string; is_redirect: boolean }[]>`
    SELECT r.id, r.sha1, p.is_redirect FROM revisions r JOIN pages p ON p.id = r.page_id WHERE r.id = ANY(${[...ids]}::int[])`;
  return new Map(rows.map((row) => [Number(row.id), { sha1: row.sha1, redirect: row.is_redirect }]));
}

/** MediaWiki's user/userid/userhidden members for a row's author, as this viewer may see them. */
export function authorMembers(row: ChangeRow, props: { user: boolean; userid: boolean }, anonymous: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const marks = row.visibility;
  if (marks?.hidden.author) out.userhidden = true;
  if (marks?.withheld.author) return out;
  if (props.user) {
    out.user = row.author.name;
    if (anonymous) out.anon = true;
  }
  if (props.userid) out.userid = anonymous ? 0 : row.author.id;
  return out;
}

/** MediaWiki's comment/commenthidden members. */
export function commentMembers(row: ChangeRow, wanted: boolean): Record<string, unknown> {
  if (!wanted) return {};
  const marks = row.visibility;
  const out: Record<string, unknown> = {};
  if (marks?.hidden.summary) out.commenthidden = true;
  if (!marks?.withheld.summary) out.comment = row.summary;
  return out;
}
