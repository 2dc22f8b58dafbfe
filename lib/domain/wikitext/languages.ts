/**
 * Language codes of MediaWiki's interlanguage prefixes (Wikimedia's and Fandom's language
 * editions). `[[fr:Page]]` with one of them links the same page in another language: MediaWiki
 * shows it in the sidebar, not in the text, so the converter leaves it out and reports it.
 */
const CODES =
  'aa ab ace af ak als am an ang ar arc arz as ast av ay az ba bar bcl be be-tarask bg bh bi bjn bm bn bo bpy br bs bug bxr ca cbk-zam cdo ce ceb ch chr chy ckb co cr crh cs csb cu cv cy da de diq dsb dv dz ee el eml en eo es et eu ext fa ff fi fiu-vro fj fo fr frp frr fur fy ga gag gan gd gl glk gn got gu gv ha hak haw he hi hif ho hr hsb ht hu hy hz ia id ie ig ii ik ilo io is it iu ja jbo jv ka kaa kab kbd kg ki kj kk kl km kn ko koi kr krc ks ksh ku kv kw ky la lad lb lbe lez lg li lij lmo ln lo lt ltg lv mai map-bms mdf mg mh mhr mi min mk ml mn mr mrj ms mt mus mwl my myv mzn na nah nap nds nds-nl ne new ng nl nn no nov nrm nso nv ny oc om or os pa pag pam pap pcd pdc pfl pi pih pl pms pnb pnt ps pt pt-br qu rm rmy rn ro roa-rup roa-tara ru rue rw sa sah sc scn sco sd se sg sh si simple sk sl sm sn so sq sr srn ss st stq su sv sw szl ta te tet tg th ti tk tl tn to tpi tr ts tt tum tw ty tyv udm ug uk ur uz ve vec vep vi vls vo wa war wo wuu xal xh xmf yi yo za zea zh zh-classical zh-hans zh-hant zh-hk zh-min-nan zh-tw zh-yue zu';

const LANGUAGES: ReadonlySet<string> = new Set(CODES.split(' '));

/** The language of an interlanguage link target ("fr:Page" → "fr"), or null. A leading ":" makes an ordinary link. */
export function interlanguagePrefix(target: string): string | null {
  const colon = target.indexOf(':');
  if (colon <= 0 || target.trimStart().startsWith(':')) return null;
  const prefix = target.slice(0, colon).trim().toLowerCase();
  return LANGUAGES.has(prefix) ? prefix : null;
}
