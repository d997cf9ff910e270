// Citations with citation-js (CSL styles through citeproc-js; BibTeX and RIS through its plugins),
// entirely offline: APA and en-US come with the CSL plugin, Chicago author-date and the Arabic
// locale from resources/csl/. Loaded on the first citation only (measured: ~0.2 s to load, ~0.3 s
// for the first citation, then ~10 ms; ~26 MB of heap), in the thread
// that answers it (a reader thread in the app and `khizana serve`), never in the renderer.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CitationFormat, CitationLocale, CitationStyle } from '../../shared/contract.js';
import type { CslItem } from './csl-item.js';

type CitationJs = typeof import('./citation-js.js');

/** citeproc template name of each style. */
const templates: Record<CitationStyle, string> = { apa: 'apa', chicago: 'chicago-author-date' };

let library: Promise<CitationJs> | null = null;

/** citation-js with its plugins, our styles and locales registered; loaded once per thread. */
export function loadCitationJs(): Promise<CitationJs> {
  library ??= (async () => {
    const core = await import('./citation-js.js');
    const csl = core.plugins.config.get('@csl');
    const dir = cslResources();
    csl.templates.add(templates.chicago, fs.readFileSync(path.join(dir, 'chicago-author-date.csl'), 'utf8'));
    csl.locales.add('ar', fs.readFileSync(path.join(dir, 'locales-ar.xml'), 'utf8'));
    // Keep Arabic (and every non-ASCII letter) as it is instead of LaTeX escapes that drop it.
    const bibtex = core.plugins.config.get('@bibtex');
    bibtex.format.asciiOnly = false;
    return core;
  })();
  return library;
}

/** resources/csl, found above this module (sources, dist/ or the packaged app). */
function cslResources(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'resources', 'csl');
    if (fs.existsSync(path.join(candidate, 'chicago-author-date.csl'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('resources/csl (the citation styles) is missing from this installation: reinstall Khizana');
}

/**
 * `items` as `format`: a bibliography in `style` (one entry a line, ordered as the style orders
 * them), a CSL-JSON array, BibTeX entries or RIS records (in the order given).
 */
export async function formatCitations(items: CslItem[], format: CitationFormat, style: CitationStyle, locale: CitationLocale): Promise<string> {
  if (format === 'csl-json') return `${JSON.stringify(items, null, 2)}\n`;
  const { Cite } = await loadCitationJs();
  if (format === 'bibtex') return new Cite(items).format('bibtex', { format: 'text' });
  if (format === 'ris') {
    // citation-js 0.7 writes neither the author nor the full date of a RIS newspaper article (TY
    // NEWS): those go out as magazine articles (MGZN), which keep author, date and publication.
    const records = items.map((item) => (item.type === 'article-newspaper' ? { ...item, type: 'article-magazine' } : item));
    return `${new Cite(records).format('ris', { format: 'text' }).trimEnd()}\n`;
  }
  return new Cite(items).format('bibliography', { format: 'text', template: templates[style], lang: locale });
}
