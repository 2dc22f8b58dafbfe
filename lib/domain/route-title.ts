import { parseTitle, type ParsedTitle } from '@/lib/domain/titles';

/**
 * The title named by the catch-all segments of /wiki/[...title]. Segments arrive percent-encoded
 * or decoded depending on the router path, so decode defensively; proxy.ts has already rejected
 * invalid titles with a 400, so parseTitle only throws for requests that bypassed it.
 */
export function titleFromSegments(segments: string[]): ParsedTitle {
  return parseTitle(segments.map(safeDecode).join('/'));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
