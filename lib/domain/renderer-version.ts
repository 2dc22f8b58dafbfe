/**
 * Stored next to every rendering. Bump it whenever the HTML lib/domain/markdown.ts produces for the
 * same source changes, so stored renderings can be told apart from current ones. A module of its
 * own so that `npm start` can tell whether derived data is current without loading the renderer.
 */
export const RENDERER_VERSION = 9;
