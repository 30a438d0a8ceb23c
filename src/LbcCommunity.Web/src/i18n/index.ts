import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./en";
import { es } from "./es";

// English and Spanish for everything a participant sees. The person chooses with the language control; the browser's
// own language is not consulted (a shared family phone may be set to either), and the choice is kept on this device.
export const languages = [
  { code: "en", name: "English" },
  { code: "es", name: "Español" },
] as const;
export type Language = (typeof languages)[number]["code"];

const storageKey = "lbc.language";

function storedLanguage(): Language {
  try {
    const stored = localStorage.getItem(storageKey);
    return languages.some((l) => l.code === stored) ? (stored as Language) : "en";
  } catch {
    return "en";
  }
}

/** Switches the app's language, keeps the choice, and sets the page's `lang` so screen readers speak it right. */
export function chooseLanguage(language: Language): void {
  try {
    localStorage.setItem(storageKey, language);
  } catch {
    // Private browsing without storage: the choice lasts for this page.
  }
  void i18n.changeLanguage(language);
}

i18n.on("languageChanged", (language) => { document.documentElement.lang = language; });

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, es: { translation: es } },
  lng: storedLanguage(),
  fallbackLng: "en",
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = i18n.language;

export default i18n;

/**
 * Adds a feature's own words under its namespace, when the feature's code loads: a guest's phone does not download
 * the facilitator's console's words. The namespace's keys are typed in react-i18next.d.ts.
 */
export function addMessages<T extends object>(namespace: string, english: T, spanish: T): void {
  i18n.addResourceBundle("en", namespace, english, true, true);
  i18n.addResourceBundle("es", namespace, spanish, true, true);
}
