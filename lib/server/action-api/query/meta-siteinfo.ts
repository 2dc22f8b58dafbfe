import 'server-only';
import { quotedValue } from '@/lib/domain/action-api/errors';
import { generalInfo, namespaceAliases, namespacesInfo } from '@/lib/domain/action-api/siteinfo';
import { MAIN_PAGE } from '@/lib/domain/page-cache';
import { titleToUrlPath } from '@/lib/domain/titles';
import { DEFAULT_LOCALE } from '@/lib/i18n/negotiate-locale.mjs';
import { uploadLimits } from '@/lib/server/files/upload';
import { requestOrigin } from '@/lib/server/rest/http';
import { getSiteName } from '@/lib/server/site';
import { siteStatistics } from '@/lib/server/action-api/query/site-statistics';
import type { MetaModule } from '@/lib/server/action-api/query/types';

/** The siprop values this wiki answers; MediaWiki's others are dropped with its warning. */
const PROPS = ['general', 'namespaces', 'namespacealiases', 'statistics'] as const;

/** meta=siteinfo (MediaWiki's ApiQuerySiteinfo). */
export const siteInfoMeta: MetaModule = {
  prefix: 'si',
  async run(context, params) {
    const asked = params.list('prop');
    const props = asked.length === 0 ? ['general'] : asked;
    const unknown = props.filter((prop) => !(PROPS as readonly string[]).includes(prop));
    if (unknown.length > 0) {
      context.warn({
        code: 'unrecognizedvalues',
        text: `Unrecognized value${unknown.length > 1 ? 's' : ''} for parameter "siprop": ${unknown.map(quotedValue).join(', ')}.`,
        module: 'siteinfo',
      });
    }
    const out: Record<string, unknown> = {};
    if (props.includes('general')) {
      out.general = generalInfo({
        origin: requestOrigin(context.request),
        siteName: await getSiteName(),
        mainPage: MAIN_PAGE.prefixedText,
        mainPageUrlPath: titleToUrlPath(MAIN_PAGE),
        language: DEFAULT_LOCALE,
        maxUploadSize: uploadLimits().maxBytes,
        now: new Date(),
      });
    }
    if (props.includes('namespaces')) out.namespaces = namespacesInfo();
    if (props.includes('namespacealiases')) out.namespacealiases = namespaceAliases();
    if (props.includes('statistics')) out.statistics = await siteStatistics();
    return out;
  },
};
