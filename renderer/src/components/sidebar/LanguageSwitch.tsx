import { useLocale, useT } from '../../i18n/locale.js';

/** The sidebar footer's language switch: Arabic ⇄ English, remembered on this machine. */
export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const other = locale === 'ar' ? 'en' : 'ar';
  return (
    <button type="button" className="button subtle language-switch" title={t('app.language.switchTitle')} onClick={() => setLocale(other)}>
      <span lang={other}>{t('app.language.switch')}</span>
    </button>
  );
}
