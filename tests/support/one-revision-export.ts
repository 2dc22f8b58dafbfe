import { dumpFooter, dumpHeader, pageClosing, pageOpening, revisionXml, sha1Hex } from '@/lib/domain/mediawiki-xml';

const site = {
  siteName: 'Elsewhere',
  dbName: 'wiki',
  base: null,
  generator: 'test',
  namespaces: [
    { key: -1, name: 'Special' },
    { key: 0, name: '' },
  ],
};

/** A MediaWiki XML export of one page with one revision, as another wiki would write it. */
export function oneRevisionExport(page: { title: string; namespace: number }, revision: { author: string; text: string }): string {
  const id = 1_900_000_000 + Math.floor(Math.random() * 100_000_000);
  return (
    dumpHeader(site) +
    pageOpening({ ...page, id, redirectTarget: null, deletedAt: null }) +
    revisionXml(
      {
        id,
        parentId: null,
        timestamp: new Date('2026-11-01T00:00:00Z'),
        author: { id: null, name: revision.author },
        minor: false,
        summary: '',
        text: revision.text,
        sha1: sha1Hex(revision.text),
        hidden: 0,
        archived: false,
      },
      false,
    ) +
    pageClosing() +
    dumpFooter()
  );
}
