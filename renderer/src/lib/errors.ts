// The hook the components show errors with: errorMessage (error-messages.ts) in the interface language.
import { useCallback } from 'react';
import { useLocale, useT } from '../i18n/locale.js';
import { errorMessage } from './error-messages.js';

/** The sentence for an error in the interface language: the hook the components use. */
export function useErrorText(): (error: unknown) => string {
  const t = useT();
  const { locale } = useLocale();
  return useCallback((error: unknown) => errorMessage(error, locale, t), [locale, t]);
}
