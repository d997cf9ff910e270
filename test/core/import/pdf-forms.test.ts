// What a reader typed into a PDF is imported and found: AcroForm field values, comment
// annotations and filled XFA forms, after their page's own text; an XFA form's "Please wait…"
// placeholder is never stored. PDFs are written by test/support/form-pdf.ts, and two small real
// ones come from pdf.js's test suite (mozilla/pdf.js test/pdfs @0f26334f9, Apache-2.0), committed
// under test/fixtures/pdf: pdfjs-freetext_no_appearance.pdf (6.7 KB, an Arabic FreeText comment
// with no appearance stream) and pdfjs-xfa_issue14315.pdf (11.5 KB, a pure XFA form drawing only
// circles behind Adobe's "requires Adobe Reader 8" page).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../../electron/core/import/formats/pdf.js';
import { freshArchive, writeFiles } from '../../support/archive.js';
import { formPdf, xfaPackage, xfaPlaceholderLines } from '../../support/form-pdf.js';
import { parseFile, parserHarness } from '../../support/parser-harness.js';
import { repoRoot } from '../../support/paths.js';

const harness = parserHarness('khizana-pdf-forms-');
const fixture = (name: string): string => path.resolve(repoRoot, 'test/fixtures/pdf', name);

const filledForm = formPdf([
  {
    lines: ['Application for a research permit', 'Fill in every field of this form.'],
    additions: [
      { kind: 'text-field', name: 'applicant', value: 'فاطمة الحسن' },
      { kind: 'list', name: 'country', options: [['JO', 'Jordan'], ['SY', 'Syria']], value: 'SY' },
      { kind: 'checkbox', name: 'consent', checked: true },
      { kind: 'FreeText', contents: 'Reviewed by the archive committee' },
      { kind: 'Text', contents: 'ملاحظة: راجع الصفحة الثانية' },
      { kind: 'Highlight', contents: 'Check this figure against the Deraa report' },
    ],
  },
  { lines: ['Second page of the application'], additions: [{ kind: 'text-field', name: 'purpose', value: 'Oral history of Maarat al-Numan' }] },
]);

describe('PDF form fields and comments', () => {
  it('adds field values, list choices (their shown names) and comments after their page’s text', async () => {
    const doc = await harness.parseBytes(parsePdf, 'form.pdf', filledForm);
    const [page1, page2] = [doc.text.slice(0, doc.pageStarts![1]), doc.text.slice(doc.pageStarts![1])];
    expect(page1.startsWith('Application for a research permit\nFill in every field of this form.\n\n')).toBe(true);
    for (const value of ['فاطمة الحسن', 'Syria', 'Reviewed by the archive committee', 'ملاحظة: راجع الصفحة الثانية', 'Check this figure against the Deraa report']) {
      expect(page1, value).toContain(value);
    }
    expect(page1).not.toMatch(/\bSY\b|\bYes\b/u); // a list's export value, a checkbox's state: not words anyone wrote
    expect(page2).toBe('Second page of the application\n\nOral history of Maarat al-Numan');
    expect(doc.pages).toBe(2);
  });

  it('finds them in an archive, on their page', async () => {
    const archive = await freshArchive();
    const dir = writeFiles({ 'form.pdf': filledForm });
    const id = (await archive.api.importPaths({ paths: [dir], tags: [] })).results[0]!.id!;
    for (const query of ['"فاطمة الحسن"', 'ملاحظة', '"Deraa report"', 'committee', '"Maarat al-Numan"']) {
      expect((await archive.api.search({ query })).hits.map((h) => h.id), query).toEqual([id]);
    }
    const item = await archive.api.getItem({ id });
    expect(item.text.indexOf('Maarat')).toBeGreaterThan(item.pageStarts![1]!);
    await archive.close();
  });

  it('reads a real Arabic FreeText comment (pdf.js test file)', async () => {
    const doc = await parseFile(parsePdf, fixture('pdfjs-freetext_no_appearance.pdf'));
    expect(doc.text).toContain('الإنترنت العالمي المفتوح هو أقوى اتصال');
    expect(doc.warnings).toEqual([]);
  });
});

describe('XFA forms', () => {
  const xfa = xfaPackage({ FamilyName: ['Family name', 'Haddad'], Town: ['Town of birth', 'معرة النعمان'] }, 'Syria');

  it('imports a filled pure XFA form: captions and values, never its "Please wait…" page', async () => {
    const doc = await harness.parseBytes(parsePdf, 'xfa.pdf', formPdf([{ lines: xfaPlaceholderLines }], xfa));
    expect(doc.text).toBe('Family name\nHaddad\nTown of birth\nمعرة النعمان\nSyria');
    expect(doc.pageStarts).toEqual([0]);
    expect(doc.warnings).toEqual([]);
  });

  it('leaves out the placeholder page of an XFA form it cannot lay out, and says so', async () => {
    const broken = formPdf([{ lines: xfaPlaceholderLines }], '<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template>');
    const doc = await harness.parseBytes(parsePdf, 'broken-xfa.pdf', broken);
    expect(doc.text).toBe('');
    expect(doc.warnings.join('\n')).toMatch(/XFA form Khizana cannot read/u);
  });

  it('never stores the "requires Adobe Reader 8" page of a real XFA form (pdf.js test file)', async () => {
    const doc = await parseFile(parsePdf, fixture('pdfjs-xfa_issue14315.pdf'));
    expect(doc.text).not.toMatch(/Adobe Reader/u);
  });
});
