import 'server-only';
import type { MetaModule, PropModule } from '@/lib/server/action-api/query/types';
import type { PropGenerator } from '@/lib/server/action-api/query/generator';
import { tokensMeta } from '@/lib/server/action-api/query/meta-tokens';
import { userInfoMeta } from '@/lib/server/action-api/query/meta-userinfo';
import { siteInfoMeta } from '@/lib/server/action-api/query/meta-siteinfo';
import { revisionsProp } from '@/lib/server/action-api/query/prop-revisions';
import { infoProp } from '@/lib/server/action-api/query/prop-info';
import { categoriesGenerator, categoriesProp } from '@/lib/server/action-api/query/prop-categories';
import { linksGenerator, linksProp } from '@/lib/server/action-api/query/prop-links';
import { imageInfoProp } from '@/lib/server/action-api/query/prop-imageinfo';

/** meta=… by name, as MediaWiki's $wgAPIMetaModules (list=… is in lists.ts). */
export const META_MODULES: Readonly<Record<string, MetaModule>> = {
  tokens: tokensMeta,
  userinfo: userInfoMeta,
  siteinfo: siteInfoMeta,
};

/** prop=… by name, as MediaWiki's $wgAPIPropModules. */
export const PROP_MODULES: Readonly<Record<string, PropModule>> = {
  info: infoProp,
  revisions: revisionsProp,
  categories: categoriesProp,
  links: linksProp,
  imageinfo: imageInfoProp,
};

/** generator=… over prop modules (MediaWiki's prop generators): pages linked from, categories of the page set. */
export const PROP_GENERATORS: Readonly<Record<string, PropGenerator>> = {
  links: linksGenerator,
  categories: categoriesGenerator,
};
