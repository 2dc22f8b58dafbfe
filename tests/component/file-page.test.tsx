import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ArticleView } from '@/components/ArticleView';
import { MissingPage } from '@/components/MissingPage';
import { FilePageLead, FilePageTrail } from '@/components/files/FilePageSections';
import { fileHistoryRows, filePreview, uploadHref, type FileTrail } from '@/lib/domain/files/file-page-view';
import { fileHiddenParts, type FileVersionInfo } from '@/lib/domain/files/types';
import { articleShowing } from '../support/article-fixture';
import { renderWithIntl } from '../support/intl';

const NONE = fileHiddenParts(0);

function version(id: number, overrides: Partial<FileVersionInfo> = {}): FileVersionInfo {
  return {
    id,
    pageId: 40,
    sha1: String(id).repeat(40).slice(0, 40),
    size: 250_000,
    width: 1600,
    height: 1200,
    mime: 'image/png',
    uploader: { id: 2, name: 'Jane Fan' },
    comment: `upload ${id}`,
    createdAt: new Date(Date.UTC(2026, 11, id, 9, 30)),
    archived: false,
    hidden: NONE,
    withheld: NONE,
    isLatest: false,
    ...overrides,
  };
}

const latest = version(3, { isLatest: true, size: 1_572_864, comment: 'sharper' });
const older = version(2, { width: 100, height: 50, size: 900 });

function trail(versions: FileVersionInfo[], revertBase: string | null, extra: Partial<FileTrail> = {}): FileTrail {
  return {
    history: fileHistoryRows(versions, 'Logo.png', revertBase),
    uploadNewVersionHref: uploadHref('Logo.png', true),
    usage: [{ href: '/wiki/ECPAT', text: 'ECPAT' }],
    usageNextHref: null,
    duplicates: [],
    ...extra,
  };
}

function renderFilePage(fileTrail: FileTrail, locale: 'en' | 'it' = 'en') {
  const preview = filePreview(latest, 'Logo.png')!;
  renderWithIntl(
    <ArticleView
      article={articleShowing('The logo of **ECPAT**.')}
      lead={<FilePageLead lead={{ kind: 'preview', preview }} name="Logo.png" />}
      trail={<FilePageTrail trail={fileTrail} />}
    />,
    { locale },
  );
}

describe('the File page', () => {
  it('shows a screen-sized preview linking to the original, the info line, then the description', () => {
    renderFilePage(trail([latest, older], '/wiki/File:Logo.png'));
    const image = screen.getByRole('img', { name: 'Logo.png' });
    // 1600 × 1200 fits 800 × 600: a thumbnail, and the original itself for 2x screens.
    expect([image.getAttribute('width'), image.getAttribute('height')]).toEqual(['800', '600']);
    expect(image.getAttribute('src')).toBe(`/images/thumb/${latest.sha1}/800px-Logo.png`);
    expect(image.getAttribute('srcset')).toBe(`/images/thumb/${latest.sha1}/800px-Logo.png 1x, /images/${latest.sha1}/Logo.png 2x`);
    expect(image.closest('a')!.getAttribute('href')).toBe(`/images/${latest.sha1}/Logo.png`);
    expect(screen.getByText(/pixels, file size/).textContent).toBe('Original file (1,600 × 1,200 pixels, file size: 1.5 MB, MIME type: image/png)');
    // The preview comes before the description.
    const description = screen.getByText('ECPAT', { selector: 'strong' });
    expect(image.compareDocumentPosition(description) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('lists every version in the file history, with revert links on earlier ones', () => {
    renderFilePage(trail([latest, older], '/wiki/File:Logo.png'));
    const table = screen.getByRole('table');
    expect(screen.getByRole('heading', { name: 'File history' })).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const [current, earlier] = rows.map((row) => within(row).getAllByRole('cell'));
    expect(current![0]!.textContent).toBe('current');
    expect(within(current![1]!).getByRole('link').getAttribute('href')).toBe(`/images/${latest.sha1}/Logo.png`);
    expect(current![3]!.textContent).toBe('1,600 × 1,200');
    expect(current![4]!.textContent).toBe('1.5 MB');
    expect(within(current![5]!).getByRole('link', { name: 'Jane Fan' }).getAttribute('href')).toBe('/wiki/User:Jane_Fan');
    expect(current![6]!.textContent).toBe('sharper');
    expect(within(earlier![0]!).getByRole('link', { name: 'revert' }).getAttribute('href')).toBe('/wiki/File:Logo.png?action=revert&oldimage=2');
    // A 120-pixel box: a bucket's thumbnail; a small original is its own thumbnail.
    const thumbnail = within(current![2]!).getByRole('img');
    expect([thumbnail.getAttribute('src'), thumbnail.getAttribute('width'), thumbnail.getAttribute('height')]).toEqual([
      `/images/thumb/${latest.sha1}/120px-Logo.png`,
      '120',
      '90',
    ]);
    expect(within(earlier![2]!).getByRole('img').getAttribute('src')).toBe(`/images/${older.sha1}/Logo.png`);
    expect(earlier![4]!.textContent).toBe('900 bytes');
    expect(screen.getByRole('link', { name: 'Upload a new version of this file' }).getAttribute('href')).toBe('/wiki/Special:Upload?wpDestFile=Logo.png&wpForReUpload=1');
  });

  it('offers no revert to readers who may not upload, and shows withheld parts as removed', () => {
    const hidden = fileHiddenParts(7);
    renderFilePage(trail([latest, version(2, { sha1: null, hidden, withheld: hidden })], null, { uploadNewVersionHref: null }));
    expect(screen.queryByRole('link', { name: 'revert' })).toBeNull();
    expect(screen.queryByRole('link', { name: /Upload a new version/ })).toBeNull();
    const earlier = within(screen.getAllByRole('row')[2]!).getAllByRole('cell');
    expect(within(earlier[1]!).queryByRole('link')).toBeNull();
    expect(earlier[2]!.textContent).toBe('(file hidden)');
    expect(earlier[5]!.textContent).toBe('(username removed)');
    expect(earlier[6]!.textContent).toBe('(edit summary removed)');
  });

  it('marks hidden parts for administrators, who still see them', () => {
    renderFilePage(trail([latest, version(2, { hidden: fileHiddenParts(4) })], '/wiki/File:Logo.png'));
    const earlier = within(screen.getAllByRole('row')[2]!).getAllByRole('cell');
    expect(earlier[5]!.textContent).toBe('Jane Fan (hidden from others)');
  });

  it('lists the pages using the file, the next page of them, and its duplicates', () => {
    renderFilePage(
      trail([latest], null, {
        usage: [
          { href: '/wiki/ECPAT', text: 'ECPAT' },
          { href: '/wiki/Talk:ECPAT', text: 'Talk:ECPAT' },
        ],
        usageNextHref: '/wiki/File:Logo.png?usagefrom=12',
        duplicates: [{ href: '/wiki/File:Old_logo.png', text: 'File:Old logo.png' }],
      }),
    );
    const usage = screen.getByRole('region', { name: 'File usage' });
    expect(within(usage).getByText('The following pages use this file:')).toBeTruthy();
    expect(within(usage).getByRole('link', { name: 'Talk:ECPAT' }).getAttribute('href')).toBe('/wiki/Talk:ECPAT');
    expect(within(usage).getByRole('link', { name: 'More pages that use this file' }).getAttribute('href')).toBe('/wiki/File:Logo.png?usagefrom=12');
    expect(within(usage).getByText('The following file is a duplicate of this file:')).toBeTruthy();
    expect(within(usage).getByRole('link', { name: 'File:Old logo.png' })).toBeTruthy();
  });

  it('says when no page uses the file, in Italian too', () => {
    renderFilePage(trail([latest], null, { usage: [] }), 'it');
    expect(screen.getByRole('heading', { name: 'Cronologia del file' })).toBeTruthy();
    expect(screen.getByText('Nessuna pagina usa questo file.')).toBeTruthy();
    expect(screen.getByText(/pixel, dimensione del file/).textContent).toBe('File originale (1600 × 1200 pixel, dimensione del file: 1,5 MB, tipo MIME: image/png)');
  });

  it('draws an SVG as a rasterized thumbnail even when it fits', () => {
    const preview = filePreview(version(5, { mime: 'image/svg+xml', width: 300, height: 300, isLatest: true }), 'Map.svg')!;
    expect([preview.width, preview.height]).toEqual([300, 300]);
    expect(preview.src).toBe(`/images/thumb/${'5'.repeat(40)}/320px-Map.svg`);
    expect(preview.srcSet).toBe(`/images/thumb/${'5'.repeat(40)}/320px-Map.svg 1x, /images/thumb/${'5'.repeat(40)}/640px-Map.svg 2x`);
    expect(preview.originalHref).toBe(`/images/${'5'.repeat(40)}/Map.svg`);
  });

  it('says why there is no preview: hidden, deleted, or never uploaded', () => {
    renderWithIntl(
      <>
        <FilePageLead lead={{ kind: 'hidden' }} name="A.png" />
        <FilePageLead lead={{ kind: 'deleted' }} name="A.png" />
        <FilePageLead lead={{ kind: 'none', uploadHref: uploadHref('A.png') }} name="A.png" />
      </>,
    );
    expect(screen.getByText('This version of the file has been hidden.')).toBeTruthy();
    expect(screen.getByText(/has been deleted/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'upload it' }).getAttribute('href')).toBe('/wiki/Special:Upload?wpDestFile=A.png');
  });
});

describe('a missing File page', () => {
  it('offers to upload the file, as MediaWiki', () => {
    renderWithIntl(<MissingPage title="File:New logo.png" uploadHref={uploadHref('New_logo.png')} />);
    expect(screen.getByText(/No file by this name exists/).textContent).toBe('No file by this name exists, but you can upload it.');
    expect(screen.getByRole('link', { name: 'upload it' }).getAttribute('href')).toBe('/wiki/Special:Upload?wpDestFile=New_logo.png');
  });
});
