/**
 * Usernames that look alike: the "skeleton" of Unicode TR39 (Security Mechanisms, section 4), as
 * MediaWiki's AntiSpoof extension keeps one per account. Two names with the same skeleton are
 * confusable ("Admin1" and "Admіn1" with a Cyrillic і, "Paypal" and "PaypaI", "rn" and "m"), so
 * a new account may not take a name whose skeleton an existing account has.
 *
 * The mapping is Unicode's confusables.txt, as shipped by the unhomoglyph package (pinned; its
 * data is version 13.0.0). A skeleton is for comparing, never for showing.
 *
 * Kept apart from accounts.ts so the table (100 kB) never reaches the browser. Pure: no I/O.
 */
import unhomoglyph from 'unhomoglyph';

/**
 * TR39 skeleton(X): decompose, replace each character by its prototype, NFD again. Decomposed with
 * NFKD rather than NFD, so compatibility forms (fullwidth "Ｆ", the ligature "ﬁ", "²"), which the
 * table leaves alone, fold to the letters they show.
 */
function tr39Skeleton(text: string): string {
  return unhomoglyph(text.normalize('NFKD')).normalize('NFD');
}

/**
 * The skeleton of a canonical username, case-insensitive like the names themselves ("ALICE" and
 * "alice" are one account): the TR39 skeleton, lower-cased, and mapped again (so "PaypaI", whose
 * capital I becomes l first, and "PAYPAL" meet at "paypal").
 */
export function usernameSkeleton(name: string): string {
  return tr39Skeleton(tr39Skeleton(name).toLowerCase());
}
