// The interface language: the browser's (navigator.languages) unless the user chose one in the app
// (remembered in localStorage). Sets lang and dir on <html>, so the whole layout mirrors in Arabic.
import { createContext, Fragment, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { catalogs, formattingLocale, isUiLocale, pickUiLocale, uiDirection, type MessageId, type UiLocale } from '../../../electron/shared/i18n/locale.js';
import { setFormatLocale } from '../lib/format.js';

const storageKey = 'khizana.locale';

/** The remembered choice, else the first interface language among the browser's preferred ones. */
export function initialLocale(): UiLocale {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(storageKey);
  } catch {
    // Storage can be off (privacy settings): fall back to the browser's languages.
  }
  return isUiLocale(stored) ? stored : pickUiLocale(navigator.languages ?? [navigator.language]);
}

/** Points the document and the formatters at `locale`; before rendering, so nothing shows mixed. */
function applyLocale(locale: UiLocale): void {
  setFormatLocale(formattingLocale(locale));
  document.documentElement.lang = locale;
  document.documentElement.dir = uiDirection(locale);
  document.title = catalogs[locale]['sidebar.brand'];
  window.archiveHost?.setLocale(locale);
}

interface LocaleChoice {
  locale: UiLocale;
  setLocale(locale: UiLocale): void;
}

const LocaleContext = createContext<LocaleChoice>({ locale: 'en', setLocale: () => undefined });

/** Provides the messages of the chosen language; children re-mount when it changes. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<UiLocale>(() => {
    const first = initialLocale();
    applyLocale(first);
    return first;
  });
  const setLocale = useCallback((next: UiLocale) => {
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered, but still switched for this session.
    }
    applyLocale(next);
    setLocaleState(next);
  }, []);
  const choice = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return (
    <LocaleContext.Provider value={choice}>
      <IntlProvider locale={formattingLocale(locale)} messages={catalogs[locale]} defaultLocale="en">
        <LocaleKeyed locale={locale}>{children}</LocaleKeyed>
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

// Keyed by language: components that format dates and counts outside react-intl render again.
function LocaleKeyed({ locale, children }: { locale: UiLocale; children: ReactNode }) {
  return <Fragment key={locale}>{children}</Fragment>;
}

/** The interface language and the switch. */
export function useLocale(): LocaleChoice {
  return useContext(LocaleContext);
}

export type MessageValues = Record<string, string | number | ((chunks: ReactNode[]) => ReactNode)>;

/** `t('search.results', { count })`: a message of the interface language, by its id. */
export function useT(): (id: MessageId, values?: MessageValues) => string {
  const intl = useIntl();
  return useCallback((id, values) => intl.formatMessage({ id }, values as Record<string, string | number>), [intl]);
}

/** Like useT, for messages with markup (`<b>…</b>` → elements): returns nodes. */
export function useRich(): (id: MessageId, values: MessageValues) => ReactNode {
  const intl = useIntl();
  return useCallback((id, values) => intl.formatMessage({ id }, values) as ReactNode, [intl]);
}
