/**
 * Ids, sizes and counts are PostgreSQL INTEGER columns. A number outside this range names nothing
 * stored, and sent to the database it is an error ("value out of range for type integer"), so
 * every number a client gives is checked against it before it reaches a query.
 */
export const MAX_DATABASE_INTEGER = 2_147_483_647;
export const MIN_DATABASE_INTEGER = -2_147_483_648;

/** Whether `value` can be the id of a stored row (ids start at 1). */
export function isStorableId(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= MAX_DATABASE_INTEGER;
}
