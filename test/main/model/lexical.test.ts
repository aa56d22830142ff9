import { describe, expect, test } from 'vitest';

import type { PairText } from '../../../src/main/model/features/extractor';
import { LexicalExtractor, lexicalFactory } from '../../../src/main/model/features/lexical';
import { createExtractor, restoreExtractor } from '../../../src/main/model/features/registry';
import { justify, sentences } from '../../../src/main/model/review/justification';
import { fold, terms } from '../../../src/main/model/text/normalise';
import { loadModelInputs } from '../../../src/main/db/modelInputs';
import { openTempDb } from '../../helpers/db';
import { seedCorpus } from '../../helpers/modelData';

function pair(pairId: number, thesisId: number, themeId: number, fields: Partial<PairText>): PairText {
  return {
    pairId,
    thesisId,
    themeId,
    title: '',
    abstract: null,
    keywords: null,
    programme: null,
    researchLine: null,
    project: null,
    concentrationArea: null,
    grandeArea: null,
    area: null,
    themeName: '',
    themeKeywords: [],
    macroTheme: null,
    themeUf: null,
    ...fields,
  };
}

const WATER = { themeName: 'Recursos hídricos e saneamento', themeKeywords: ['água', 'bacias'] };
const HEALTH = { themeName: 'Saúde da família', themeKeywords: ['atenção básica'] };
const THESIS_A = { title: 'Gestão da água em bacias hidrográficas', abstract: 'Estudo sobre saneamento básico. Analisa a qualidade da água nas bacias do Pantanal.' };
const THESIS_B = { title: 'Atenção básica e saúde da família no interior', abstract: 'Avalia equipes de saúde da família.' };

const TRAIN = [pair(1, 10, 100, { ...THESIS_A, ...WATER }), pair(2, 10, 200, { ...THESIS_A, ...HEALTH }), pair(3, 20, 100, { ...THESIS_B, ...WATER }), pair(4, 20, 200, { ...THESIS_B, ...HEALTH })];
const LABELS = [2, 0, 0, 2];

describe('normalisation', () => {
  test('folds case and accents and drops stopwords', () => {
    expect(fold('Ciência ÁGUA')).toBe('ciencia agua');
    expect(terms('A educação e as EDUCAÇÕES')).toEqual(terms('educação educações'));
    expect(terms('de da do')).toEqual([]);
  });
});

describe('lexical extractor', () => {
  test('scores the matching theme above the other', async () => {
    const { db, cleanup } = openTempDb();
    try {
      const extractor = createExtractor({ kind: 'lexical', config: {} });
      await extractor.fit(db, TRAIN, LABELS);
      const out = new Float32Array(TRAIN.length * extractor.width);
      await extractor.transform(db, TRAIN, out, 0, extractor.width);
      const cosAll = extractor.columns.indexOf('cos.all');
      const rank = extractor.columns.indexOf('rel.rank');
      expect(out[0 * extractor.width + cosAll]).toBeGreaterThan(out[1 * extractor.width + cosAll]);
      expect(out[3 * extractor.width + cosAll]).toBeGreaterThan(out[2 * extractor.width + cosAll]);
      expect(out[0 * extractor.width + rank]).toBe(0);
      expect(out[1 * extractor.width + rank]).toBe(1);
      expect(out.every(Number.isFinite)).toBe(true);
    } finally {
      cleanup();
    }
  });

  test('same row in any batch order', async () => {
    const { db, cleanup } = openTempDb();
    try {
      const extractor = new LexicalExtractor();
      await extractor.fit(db, TRAIN, LABELS);
      const width = extractor.width;
      const grouped = new Float32Array(TRAIN.length * width);
      await extractor.transform(db, TRAIN, grouped, 0, width);
      // Interleaved theses, and a stride wider than the extractor as when an encoder follows it.
      const order = [2, 0, 3, 1];
      const stride = width + 5;
      const interleaved = new Float32Array(TRAIN.length * stride);
      await extractor.transform(db, order.map((i) => TRAIN[i]), interleaved, 0, stride);
      order.forEach((source, row) => {
        expect(Array.from(interleaved.subarray(row * stride, row * stride + width))).toEqual(Array.from(grouped.subarray(source * width, (source + 1) * width)));
        expect(Array.from(interleaved.subarray(row * stride + width, (row + 1) * stride))).toEqual([0, 0, 0, 0, 0]);
      });
    } finally {
      cleanup();
    }
  });

  test('restored state gives the same features', async () => {
    const { db, cleanup } = openTempDb();
    try {
      const fitted = new LexicalExtractor();
      await fitted.fit(db, TRAIN, LABELS);
      const restored = restoreExtractor({ kind: 'lexical', config: {}, state: JSON.parse(JSON.stringify(fitted.state())) });
      const unseen = [pair(9, 30, 100, { title: 'Água e saneamento urbano', ...WATER })];
      const a = new Float32Array(fitted.width);
      const b = new Float32Array(fitted.width);
      await fitted.transform(db, unseen, a, 0, fitted.width);
      await restored.transform(db, unseen, b, 0, fitted.width);
      expect(Array.from(b)).toEqual(Array.from(a));
      expect(lexicalFactory.kind).toBe('lexical');
    } finally {
      cleanup();
    }
  });

  test('training pairs do not see their own label in the priors', async () => {
    const { db, cleanup } = openTempDb();
    try {
      // One theme, one pair per thesis: the theme prior of a training pair must come from other folds only.
      const rows = Array.from({ length: 40 }, (_, i) => pair(i + 1, i + 1, 100, { title: `tese ${i}`, ...WATER }));
      const labels = rows.map((_, i) => (i % 2 === 0 ? 2 : 0));
      const extractor = new LexicalExtractor();
      await extractor.fit(db, rows, labels);
      const out = new Float32Array(rows.length * extractor.width);
      await extractor.transform(db, rows, out, 0, extractor.width);
      const altaPrior = extractor.columns.indexOf('prior.theme.ALTA');
      const restored = new LexicalExtractor(extractor.state());
      const full = new Float32Array(extractor.width);
      await restored.transform(db, [rows[0]], full, 0, extractor.width);
      const seen = rows.map((_, i) => out[i * extractor.width + altaPrior]);
      // Out-of-fold priors differ between folds; the restored extractor gives every pair the full-data prior.
      expect(new Set(seen.map((v) => v.toFixed(6))).size).toBeGreaterThan(1);
      expect(full[altaPrior]).toBeCloseTo((20 + 5 * 0.5) / (40 + 5), 5);
    } finally {
      cleanup();
    }
  });
});

describe('relative features', () => {
  test('rank a pair among every theme paired in the database', async () => {
    const { db, cleanup } = openTempDb();
    try {
      const ids = seedCorpus(
        db,
        [{ key: 'a', ...THESIS_A }],
        [
          { key: 'water', name: WATER.themeName, keywords: WATER.themeKeywords },
          { key: 'health', name: HEALTH.themeName, keywords: HEALTH.themeKeywords },
          { key: 'energy', name: 'Energia solar', keywords: ['fotovoltaica'] },
        ],
        [
          { thesis: 'a', theme: 'water', level: null },
          { thesis: 'a', theme: 'health', level: 'BAIXA' },
          { thesis: 'a', theme: 'energy', level: null },
        ],
      );
      const extractor = new LexicalExtractor();
      await extractor.fit(db, TRAIN, LABELS);
      // Only the labelled (health) pair is in the batch, as in training; the water theme still outranks it.
      const batch = loadModelInputs(db, { pairIds: [ids.get('a|health')!] });
      const out = new Float32Array(extractor.width);
      await extractor.transform(db, batch, out, 0, extractor.width);
      expect(out[extractor.columns.indexOf('rel.rank')]).toBeGreaterThan(0);
      expect(out[extractor.columns.indexOf('rel.cos')]).toBeLessThan(0);
    } finally {
      cleanup();
    }
  });
});

describe('justification', () => {
  test('names shared terms and the best abstract sentence', async () => {
    const { db, cleanup } = openTempDb();
    try {
      const extractor = new LexicalExtractor();
      await extractor.fit(db, TRAIN, LABELS);
      const result = justify(extractor, TRAIN[0]);
      expect(result.terms.map((t) => t.word)).toEqual(expect.arrayContaining(['água', 'bacias', 'saneamento']));
      expect(result.passage).toBe('Analisa a qualidade da água nas bacias do Pantanal.');
    } finally {
      cleanup();
    }
  });

  test('splits sentences at end punctuation', () => {
    expect(sentences('Um. Dois! Três?')).toEqual(['Um.', 'Dois!', 'Três?']);
  });
});
