/**
 * The wikiparser-node configuration the importer parses with: English Wikipedia's (MediaWiki core
 * namespaces with their aliases, the magic words, image options and parser functions of a large
 * MediaWiki) plus Fandom's namespaces and extension tags, so that a Fandom dump's `<infobox>` or
 * `[[User blog:…]]` is recognised instead of read as text. No interwiki table: which `[[xx:…]]`
 * links are interlanguage links is decided by the converter from language codes (./languages.ts),
 * because enwiki's table would also turn `[[wikt:…]]`-style prefixes into links of other wikis.
 *
 * The configuration is passed to every parse, never assigned to the global `Parser.config`, so
 * nothing else in the process that uses wikiparser-node is affected.
 */
import Parser, { type Config, type ConfigData } from 'wikiparser-node';
import enwiki from 'wikiparser-node/config/enwiki.json';

/** Fandom's namespaces (community.fandom.com/wiki/Help:Namespaces) with their ids. */
const FANDOM_NAMESPACES: Readonly<Record<string, number>> = {
  forum: 110,
  'forum talk': 111,
  'user blog': 500,
  'user blog comment': 501,
  blog: 502,
  'blog talk': 503,
  'message wall': 1200,
  thread: 1201,
  'message wall greeting': 1202,
  board: 2000,
  'board thread': 2001,
  topic: 2002,
  map: 2900,
  'map talk': 2901,
  gadget: 2300,
  'gadget talk': 2301,
};

/**
 * Tags whose content is not wikitext on Fandom: kept as one token so that their content is
 * never converted (an `<infobox>` is read by lib/domain/templates/infobox.ts as written).
 */
const FANDOM_EXTENSION_TAGS = [
  'infobox',
  'tabber',
  'tabview',
  'youtube',
  'dpl',
  'activityfeed',
  'rss',
  'poll',
  'choose',
  'mainpage-leftcolumn-start',
  'mainpage-rightcolumn-start',
  'mainpage-endcolumn',
];

let built: Config | null = null;

/** Built on first use: getConfig derives the regular expressions the parser needs from the data. */
export function wikitextParserConfig(): Config {
  if (built !== null) return built;
  const base = enwiki as unknown as ConfigData;
  const namespaces: Record<string, string> = { ...base.namespaces };
  for (const [name, id] of Object.entries(FANDOM_NAMESPACES)) {
    namespaces[String(id)] ??= name.replace(/(^|\s)\S/gu, (letter) => letter.toUpperCase());
  }
  const data: ConfigData = {
    ...base,
    ext: [...new Set([...base.ext, ...FANDOM_EXTENSION_TAGS])],
    namespaces,
    nsid: { ...base.nsid, ...FANDOM_NAMESPACES },
    interwiki: [],
  };
  built = Parser.getConfig(data);
  return built;
}
