// End to end: what the parsers find about a source reaches the archive's item as it was stated.
import { describe, expect, it } from 'vitest';
import { freshArchive, writeFiles } from '../../support/archive.js';

const article = '<p>The river fell by two metres overnight and the roads to the villages opened again, residents said.</p>'.repeat(6);

describe('importing files that state their source', () => {
  it('getItem has the address, authors, publication, date and source facts; a file that states no date has none', async () => {
    const archive = await freshArchive();
    const jsonLd = {
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      datePublished: '2015-07-24T05:36:09+01:00',
      author: [{ '@type': 'Person', name: 'أحمد علي' }, { '@type': 'Person', name: 'Jane Doe' }],
      publisher: { '@type': 'Organization', name: 'Example News' },
    };
    const dir = writeFiles({
      'flood.html':
        '<!-- saved from url=(0044)https://m.news.example.com/flood.html?utm=x -->\n<!DOCTYPE html><html lang="en"><head><title>Flood waters recede</title>' +
        '<link rel="canonical" href="https://news.example.com/2015/07/flood.html">' +
        `<script type="application/ld+json">${JSON.stringify(jsonLd)}</script></head>` +
        `<body><article><h1>Flood waters recede</h1>${article}<p><a href="/maps/river">map</a></p></article></body></html>`,
      'memo.eml':
        'From: Lina Haddad <lina@example.org>\r\nTo: desk@example.org\r\nCc: Omar Khalil <omar@example.org>\r\nSubject: Field memo\r\n' +
        'Date: Tue, 2 Jan 2024 09:15:00 +0200\r\nMessage-ID: <memo-1@example.org>\r\n\r\nThe memo text.\r\n',
      'wire.txt': 'Wire copy without any date in it.\n',
    });
    const report = await archive.api.importPaths({ paths: [dir], tags: [] });
    const item = async (name: string) => archive.api.getItem({ id: report.results.find((r) => r.path.endsWith(name))!.id! });

    const page = await item('flood.html');
    expect(page).toMatchObject({
      url: 'https://news.example.com/2015/07/flood.html',
      authors: ['أحمد علي', 'Jane Doe'],
      publication: 'Example News',
      publishedAt: '2015-07-24T05:36:09+01:00',
      sourceMeta: {},
    });
    // The relative link resolves against where the page was saved from, and stays inert.
    expect(page.html).toContain('<a data-href="https://m.news.example.com/maps/river">map</a>');

    expect(await item('memo.eml')).toMatchObject({
      authors: ['Lina Haddad'],
      publishedAt: '2024-01-02T09:15:00+02:00',
      url: null,
      sourceMeta: { from: 'Lina Haddad <lina@example.org>', to: ['desk@example.org'], cc: ['Omar Khalil <omar@example.org>'], messageId: '<memo-1@example.org>' },
    });

    const wire = await item('wire.txt');
    expect(wire.publishedAt).toBeNull(); // never the import date or the file's time
    expect(wire.importedAt).not.toBeNull();
    expect(wire).toMatchObject({ url: null, authors: [], publication: null, sourceMeta: {} });
    await archive.close();
  });
});
