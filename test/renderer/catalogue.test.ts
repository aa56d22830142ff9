// Every UI string the screens ask for exists in pt-BR and in English: static keys are read from the
// renderer's source, and keys built at run time are listed from the values they are built from.

import { describe, expect, it } from 'vitest';

import { EXECUTION_PROVIDERS, IMPORT_KINDS, REVIEW_MODES } from '../../src/shared/api';
import { LEVEL_ORIGINS } from '../../src/shared/filters';
import { LOCALES } from '../../src/shared/i18n';
import ui from '../../src/shared/i18n/ui';
import { SCREENS } from '../../src/renderer/app/App';
import { PAIR_COLUMNS } from '../../src/renderer/screens/pairs/columns';

// Vite reads the renderer's sources at build time. The API client folder has no UI strings.
const sources = import.meta.glob<string>(['../../src/renderer/**/*.{ts,tsx}', '!../../src/renderer/api/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

function staticKeys(): string[] {
  const keys = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const match of text.matchAll(/\bt\('(ui\.[\w.-]+)'/g)) keys.add(match[1]);
  }
  return [...keys];
}

const dynamicKeys = [
  ...SCREENS.map((screen) => `ui.nav.${screen}`),
  ...['features', 'cross-validation', 'final', 'predict'].map((phase) => `ui.retrain.phase.${phase}`),
  ...PAIR_COLUMNS.map((column) => `ui.column.${column.key}`),
  ...LEVEL_ORIGINS.map((origin) => `ui.origin.${origin}`),
  ...IMPORT_KINDS.map((kind) => `ui.import.kind.${kind}`),
  ...REVIEW_MODES.map((mode) => `ui.review.mode.${mode}`),
  ...EXECUTION_PROVIDERS.map((provider) => `ui.settings.ep.${provider}`),
  ...LOCALES.map((locale) => `ui.settings.locale.${locale}`),
  ...['includeAbstract', 'includePrediction', 'includeJustification', 'includeLabelAuthor', 'summarySheet'].map((key) => `ui.export.option.${key}`),
];

function has(locale: (typeof LOCALES)[number], key: string): boolean {
  const messages = ui[locale];
  return key in messages || `${key}_other` in messages;
}

describe('ui message catalogue', () => {
  it('finds keys in the source', () => {
    expect(staticKeys().length).toBeGreaterThan(100);
  });

  for (const locale of LOCALES) {
    it(`has every key in ${locale}`, () => {
      const missing = [...staticKeys(), ...dynamicKeys].filter((key) => !has(locale, key));
      expect(missing).toEqual([]);
    });
  }

  it('has the same keys in both locales', () => {
    expect(Object.keys(ui.en).sort()).toEqual(Object.keys(ui['pt-BR']).sort());
  });
});
