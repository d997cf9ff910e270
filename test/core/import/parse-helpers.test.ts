// The helpers the format parsers share (parse-helpers.ts, html-text.ts).
import { describe, expect, it } from 'vitest';
import { textOfDomNode, textOfHtmlString, withHtmlScope } from '../../../electron/core/import/html-text.js';
import { canonicalLang, documentLanguage, isoDateInUtc, isoDateKeepingOffset, pickTitle } from '../../../electron/core/import/parse-helpers.js';

describe('shared parser helpers', () => {
  it('textOfHtmlString: blocks, line breaks, cells, pre, entities, hidden content, removed images', () => {
    const html =
      '<h2 title="a>b">Title &amp; more</h2><p>one\n  two<br>three</p><!-- <p>comment</p> --><ul><li>x</li><li>y</li></ul>' +
      '<table><tr><td>c1</td><td>c2</td></tr></table><pre>  a\n  b</pre><script>var s = "</p>";</script><style>p{}</style>' +
      '<p>see <span data-removed-image="">[figure]</span> here&nbsp;&#x627;&#1604;&bogus; 5 &lt; 6</p><div>outer<div>inner</div>tail</div>';
    const result = textOfHtmlString(html);
    expect(result.text).toBe('Title & more\n\none two\nthree\n\nx\n\ny\n\nc1 c2\n\n  a\n  b\n\nsee [figure] here\u00a0ال&bogus; 5 < 6\n\nouter\n\ninner\n\ntail');
    expect(result.firstHeading).toBe('Title & more');
    expect(result.firstBlock).toBe('Title & more');
    expect(textOfHtmlString('<p>  </p><p>only</p>')).toEqual({ text: 'only', firstHeading: null, firstBlock: 'only' });
  });

  it('isoDateInUtc keeps reduced precision, normalises zones and drops placeholders', () => {
    expect(isoDateInUtc('2011')).toBe('2011');
    expect(isoDateInUtc('2011-09')).toBe('2011-09');
    expect(isoDateInUtc(' 2011-09-01 ')).toBe('2011-09-01');
    expect(isoDateInUtc('2024-10-09T12:43:00Z')).toBe('2024-10-09T12:43:00Z');
    expect(isoDateInUtc('2024-10-09T14:43:00+02:00')).toBe('2024-10-09T12:43:00Z');
    expect(isoDateInUtc('2013-04-12T10:22:33.123456789')).toBe('2013-04-12T10:22:33');
    expect(isoDateInUtc('0101-01-01T00:00:00+00:00')).toBeNull();
    expect(isoDateInUtc('1601-01-01T00:00:00Z')).toBeNull();
    expect(isoDateInUtc('2011-13-01')).toBeNull();
    expect(isoDateInUtc('yesterday')).toBeNull();
    expect(isoDateInUtc('')).toBeNull();
  });

  it('documentLanguage trusts a stated tag unless the script contradicts it', () => {
    expect(documentLanguage('en_us', 'Some English text that is here')).toBe('en-US');
    expect(documentLanguage('en', 'نص عربي طويل بما فيه الكفاية')).toBe('ar');
    expect(documentLanguage('und', 'The text of the book and more')).toBe('en');
    expect(documentLanguage(null, '')).toBeNull();
    expect(documentLanguage('fr', '')).toBe('fr');
  });

  it('pickTitle: stated, else first heading, else a short first block', () => {
    const body = (firstHeading: string | null, firstBlock: string | null) => ({ text: '', firstHeading, firstBlock });
    expect(pickTitle('  A  title ', body('H', 'B'))).toBe('A title');
    expect(pickTitle('', body('H', 'B'))).toBe('H');
    expect(pickTitle(null, body(null, 'B'))).toBe('B');
    expect(pickTitle(null, body(null, 'x'.repeat(201)))).toBeNull();
    expect(pickTitle(null, body(null, null))).toBeNull();
  });
});

describe('why there are two of some helpers', () => {
  it('isoDateKeepingOffset keeps the stated offset and reads mail dates; isoDateInUtc converts to UTC', () => {
    expect(isoDateKeepingOffset('2015-07-24T05:36:09+01:00')).toBe('2015-07-24T05:36:09+01:00');
    expect(isoDateKeepingOffset('2020-04-05 10:00:00+0300')).toBe('2020-04-05T10:00:00+03:00');
    expect(isoDateKeepingOffset('Fri, 19 May 2000 00:29:55 -0400')).toBe('2000-05-19T00:29:55-04:00');
    expect(isoDateKeepingOffset('Sun, 5 Apr 2020 10:00:00 GMT')).toBe('2020-04-05T10:00:00Z');
    expect(isoDateKeepingOffset('yesterday')).toBeNull();
    expect(isoDateInUtc('2015-07-24T05:36:09+01:00')).toBe('2015-07-24T04:36:09Z');
    expect(isoDateInUtc('Fri, 19 May 2000 00:29:55 -0400')).toBeNull();
  });

  it('dates keep partial precision, free forms read as written, impossible and placeholder dates are none', () => {
    expect(isoDateKeepingOffset('2015')).toBe('2015');
    expect(isoDateKeepingOffset('2015-07')).toBe('2015-07');
    expect(isoDateKeepingOffset('2015-07-24T05:36:09.123Z')).toBe('2015-07-24T05:36:09Z');
    expect(isoDateKeepingOffset('2015-07-24T05:36')).toBe('2015-07-24T05:36:00');
    expect(isoDateKeepingOffset('July 24, 2015')).toBe('2015-07-24');
    expect(isoDateKeepingOffset('24 July 2015 10:30')).toBe('2015-07-24T10:30:00');
    for (const bad of ['2015-02-30', '2015-13-01', '2015-13', '2015-7-40', '2015-07-24T25:00:00Z', '0000-00-00', '1970-01-01T00:00:00Z', '0001-01-01', '9999-12-31', '12', 'May']) {
      expect(isoDateKeepingOffset(bad), bad).toBeNull();
    }
    expect(isoDateInUtc('2016-02-29')).toBe('2016-02-29');
    expect(isoDateInUtc('2015-02-29')).toBeNull();
    expect(isoDateInUtc('1970-01-01T00:00:00Z')).toBeNull();
  });

  it('textOfDomNode folds no-break spaces into spaces; textOfHtmlString keeps them as written', () => {
    const html = '<p>a&nbsp;b</p><p>c</p>';
    expect(withHtmlScope((scope) => textOfDomNode(scope.parse(html).body))).toBe('a b\n\nc');
    expect(textOfHtmlString(html).text).toBe('a\u00a0b\n\nc');
  });

  it('canonicalLang names only languages', () => {
    expect(canonicalLang('ar_sy')).toBe('ar-SY');
    expect(canonicalLang('und')).toBeNull();
    expect(canonicalLang('x-klingon')).toBeNull();
  });
});
