import 'server-only';
import { getDb } from '@/lib/server/db';
import { can, type Actor } from '@/lib/domain/policy';
import { policySettings } from '@/lib/server/settings';

/** The text an imported revision was converted from (docs/wikitext-import.md). */
export interface RevisionSource {
  revisionId: number;
  /** The dump's content model, e.g. "wikitext". */
  model: string;
  text: string;
}

/**
 * The original of an imported revision, for those allowed to read it (administrators); null for
 * anyone else and for revisions that were not imported from another model.
 */
export async function readRevisionSource(revisionId: number, actor: Actor): Promise<RevisionSource | null> {
  if (!can(actor, 'viewimportsource', null, policySettings()).allowed) return null;
  const row = await getDb().revisionSource.findUnique({ where: { revisionId }, select: { model: true, text: true } });
  return row ? { revisionId, model: row.model, text: row.text } : null;
}
