import { useTranslation } from "react-i18next";
import { chooseLanguage, languages } from ".";

/** The visible language control: each language named in itself (and marked as such for screen readers). */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <div role="group" aria-label={t("language.label")} className="languages">
      {languages.map((l) => (
        <button key={l.code} type="button" lang={l.code} aria-pressed={i18n.language === l.code} onClick={() => chooseLanguage(l.code)}>
          {l.name}
        </button>
      ))}
    </div>
  );
}
