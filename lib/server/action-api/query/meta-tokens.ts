import 'server-only';
import { quotedValue } from '@/lib/domain/action-api/errors';
import { loginTokenForRequest } from '@/lib/server/action-api/login-token';
import { TOKEN_TYPES, tokenFor, type TokenType } from '@/lib/server/action-api/tokens';
import type { MetaModule } from '@/lib/server/action-api/query/types';

/** meta=tokens (MediaWiki's ApiQueryTokens): `{ csrftoken: "…+\\" }` and the other types asked for. */
export const tokensMeta: MetaModule = {
  prefix: '',
  async run(context, params) {
    const asked = params.list('type');
    const types = asked.length === 0 ? ['csrf'] : asked;
    const unknown = types.filter((type) => !(TOKEN_TYPES as readonly string[]).includes(type));
    if (unknown.length > 0) {
      // As MediaWiki: unknown types are dropped with a warning of the tokens module, not refused.
      context.warn({
        code: 'unrecognizedvalues',
        text: `Unrecognized value${unknown.length > 1 ? 's' : ''} for parameter "type": ${unknown.map(quotedValue).join(', ')}.`,
        module: 'tokens',
      });
    }
    const tokens: Record<string, string> = {};
    for (const type of types.filter((t): t is TokenType => (TOKEN_TYPES as readonly string[]).includes(t))) {
      tokens[`${type}token`] = type === 'login' ? loginTokenForRequest(context) : tokenFor(type, context.session.seed);
    }
    return { tokens };
  },
};
