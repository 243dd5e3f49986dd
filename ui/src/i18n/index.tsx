// The UI's languages: a typed dictionary per language and the context that hands the current
// one to components. The language itself comes from the backend (`app_info.language`).

import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';

import type { Language } from '../bindings/Language';
import { en } from './en';
import { fr, type Messages } from './fr';

export type { Messages };

export const DICTIONARIES: Record<Language, Messages> = { fr, en };

type I18n = { language: Language; t: Messages };

const I18nContext = createContext<I18n>({ language: 'fr', t: fr });

type Props = { language: Language; children: ReactNode };

/** Gives `children` the dictionary of `language`, and marks the document with it. */
export function I18nProvider({ language, children }: Props) {
  const value = useMemo(() => ({ language, t: DICTIONARIES[language] }), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language and its dictionary. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}

/** The language to use before the backend has said: the window's, French or English. */
export function guessLanguage(languages: readonly string[] = navigator.languages): Language {
  return languages[0]?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
