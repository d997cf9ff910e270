// citation-js (0.7, CommonJS, untyped) with the plugins Khizana uses, typed as far as we use it; one
// module so the citation code loads it lazily.
import { createRequire } from 'node:module';

export interface FormatOptions {
  format?: 'text' | 'html';
  template?: string;
  lang?: string;
}

export interface CiteInstance {
  data: Array<Record<string, unknown>>;
  format(format: string, options?: FormatOptions): string;
}

/** A register of named CSL templates or locales (XML). */
export interface Register {
  add(name: string, xml: string): void;
  has(name: string): boolean;
}

export interface CitationJs {
  Cite: new (data: unknown) => CiteInstance;
  plugins: {
    config: {
      get(name: '@csl'): { templates: Register; locales: Register };
      get(name: '@bibtex'): { format: { asciiOnly: boolean; useIdAsLabel: boolean; checkLabel: boolean } };
    };
  };
}

const require = createRequire(import.meta.url);
const core = require('@citation-js/core') as CitationJs;
// Each plugin registers its formats with the core when loaded.
require('@citation-js/plugin-csl');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-ris');

export const { Cite, plugins } = core;
