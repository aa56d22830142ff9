// Message catalogue shared by the main process, the command line and the renderer. Each area keeps
// its messages in its own file (one object per locale); this module merges them into one i18next
// resource set. pt-BR is the default because the curators work in Portuguese.

import i18next, { type i18n, type TOptions } from 'i18next';

import app from './app';
import common from './common';
import corpus from './corpus';
import encoder from './encoder';
import exportMessages from './export';
import model from './model';
import ui from './ui';

export const LOCALES = ['pt-BR', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'pt-BR';

export type Catalogue = Record<Locale, Record<string, string>>;

const catalogues: Catalogue[] = [common, corpus, exportMessages, model, encoder, app, ui];

/** Adds an area's messages. Call at module load, before the first translator is created. */
export function registerCatalogue(catalogue: Catalogue): void {
  catalogues.push(catalogue);
}

function resources(): Record<Locale, { translation: Record<string, string> }> {
  const merged = { 'pt-BR': { translation: {} }, en: { translation: {} } } as Record<
    Locale,
    { translation: Record<string, string> }
  >;
  for (const catalogue of catalogues) {
    for (const locale of LOCALES) Object.assign(merged[locale].translation, catalogue[locale]);
  }
  return merged;
}

/** Creates an independent, synchronously initialised i18next instance. */
export function createI18n(locale: Locale = DEFAULT_LOCALE): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    resources: resources(),
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}

export type Translate = (key: string, params?: TOptions) => string;

const translators = new Map<Locale, Translate>();

/** Returns a cached translate function for a locale. */
export function translator(locale: Locale): Translate {
  let t = translators.get(locale);
  if (!t) {
    const instance = createI18n(locale);
    t = (key, params) => instance.t(key, params ?? {}) as string;
    translators.set(locale, t);
  }
  return t;
}

/** Parses a locale as the environment or a flag writes it (pt, pt_BR.UTF-8, en-US). */
export function parseLocale(raw: string | undefined | null): Locale | null {
  if (!raw) return null;
  const lower = raw.toLowerCase();
  if (lower.startsWith('pt')) return 'pt-BR';
  if (lower.startsWith('en')) return 'en';
  return null;
}

/** The process environment; empty in the renderer, which has no `process` object. */
function processEnv(): Readonly<Record<string, string | undefined>> {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
}

/** Picks the locale from LC_ALL, LC_MESSAGES or LANG, as POSIX tools do; pt-BR otherwise. */
export function localeFromEnvironment(env: Readonly<Record<string, string | undefined>> = processEnv()): Locale {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const locale = parseLocale(env[name]);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}
