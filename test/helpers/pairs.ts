// Seeds theses, themes, pairs, labels and predictions with plain SQL, for the query and export
// tests that must not depend on the importers. Labels go through appendLabel so the current level
// is derived by the schema's trigger, as in the app.

import fs from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';

import type { Db } from '../../src/main/db/connection';
import { appendLabel } from '../../src/main/db/labels';
import type { LabelSource, Level } from '../../src/shared/levels';
import { SHARED_DATA } from './data';

export interface ThesisSeed {
  sourceId?: string | null;
  sourceIdField?: string | null;
  title: string;
  abstract?: string | null;
  keywords?: string | null;
  programme?: string | null;
  institution?: string | null;
  uf?: string | null;
  researcherUf?: string | null;
  area?: string | null;
  defenceDate?: string | null;
  year?: number | null;
}

export interface ThemeSeed {
  sourceId?: string | null;
  uf?: string | null;
  macroTheme?: string | null;
  name: string;
  archived?: boolean;
}

export function insertThesis(db: Db, thesis: ThesisSeed): number {
  const result = db
    .prepare(
      `INSERT INTO theses (source_id, source_id_field, content_hash, title, abstract, keywords, programme, institution,
                           uf, researcher_uf, area, defence_date, year)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      thesis.sourceId ?? null,
      thesis.sourceIdField ?? (thesis.sourceId ? 'hash_id' : null),
      `hash-${thesis.sourceId ?? thesis.title}`,
      thesis.title,
      thesis.abstract ?? null,
      thesis.keywords ?? null,
      thesis.programme ?? null,
      thesis.institution ?? null,
      thesis.uf ?? null,
      thesis.researcherUf ?? null,
      thesis.area ?? null,
      thesis.defenceDate ?? null,
      thesis.year ?? null,
    );
  return Number(result.lastInsertRowid);
}

export function insertTheme(db: Db, theme: ThemeSeed): number {
  const result = db
    .prepare('INSERT INTO themes (source_id, uf, macro_theme, name, archived_at) VALUES (?, ?, ?, ?, ?)')
    .run(theme.sourceId ?? null, theme.uf ?? null, theme.macroTheme ?? null, theme.name, theme.archived ? '2026-01-01T00:00:00Z' : null);
  return Number(result.lastInsertRowid);
}

export function insertPair(db: Db, thesisId: number, themeId: number, label?: { level: Level; source: LabelSource }): number {
  const result = db
    .prepare("INSERT INTO pairs (thesis_id, theme_id, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z')")
    .run(thesisId, themeId);
  const pairId = Number(result.lastInsertRowid);
  if (label) appendLabel(db, { pairId, level: label.level, source: label.source });
  return pairId;
}

/** Inserts a model version (active unless `active` is false) and returns its id. */
export function insertModelVersion(db: Db, name: string, active = true): number {
  const result = db
    .prepare("INSERT INTO model_versions (name, created_at, config, parameters, active) VALUES (?, '2026-01-01T00:00:00Z', '{}', x'00', ?)")
    .run(name, active ? 1 : 0);
  return Number(result.lastInsertRowid);
}

/** Stores a prediction; the predicted level is the most probable one. */
export function insertPrediction(db: Db, pairId: number, modelVersionId: number, probabilities: [number, number, number]): void {
  const [pBaixa, pMedia, pAlta] = probabilities;
  const levels: Level[] = ['BAIXA', 'MEDIA', 'ALTA'];
  const level = levels[probabilities.indexOf(Math.max(...probabilities))];
  db.prepare(
    `INSERT INTO predictions (pair_id, model_version_id, level, p_baixa, p_media, p_alta, created_at)
     VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')`,
  ).run(pairId, modelVersionId, level, pBaixa, pMedia, pAlta);
}

const UFS = ['RS', 'SP', 'MG', 'BA', 'PE', 'AM', 'PR', 'SC', 'RJ', 'CE'];
const WORDS = ['educação', 'saúde', 'tecnologia', 'inovação', 'água', 'energia', 'biodiversidade', 'segurança', 'agricultura', 'história'];

/**
 * Seeds a synthetic corpus of about `pairCount` pairs: theses with accented text, 40 themes per
 * state, a third labelled, and predictions of one active model for every pair. Deterministic.
 */
export function seedSyntheticCorpus(db: Db, pairCount: number): { theses: number; themes: number; pairs: number } {
  const themesPerUf = 10;
  const run = db.transaction(() => {
    const modelId = insertModelVersion(db, 'bench-v1');

    const themeIds = new Map<string, number[]>();
    let themeCount = 0;
    for (const uf of UFS) {
      const ids: number[] = [];
      for (let i = 0; i < themesPerUf; i += 1) {
        ids.push(insertTheme(db, { sourceId: `${uf}-${i}`, uf, macroTheme: `Macro ${i % 5}`, name: `Tema ${uf} ${i} ${WORDS[i]}` }));
        themeCount += 1;
      }
      themeIds.set(uf, ids);
    }

    const thesisCount = Math.ceil(pairCount / themesPerUf);
    let pairs = 0;
    const insertLabel = db.prepare(
      "INSERT INTO label_events (pair_id, level, source, created_at) VALUES (?, ?, ?, '2026-01-01T00:00:00Z')",
    );
    const insertPairSql = db.prepare("INSERT INTO pairs (thesis_id, theme_id, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z')");
    const insertPredictionSql = db.prepare(
      `INSERT INTO predictions (pair_id, model_version_id, level, p_baixa, p_media, p_alta, created_at)
       VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z')`,
    );
    const levels: Level[] = ['BAIXA', 'MEDIA', 'ALTA'];

    for (let n = 0; n < thesisCount && pairs < pairCount; n += 1) {
      const uf = UFS[n % UFS.length];
      const word = WORDS[n % WORDS.length];
      const year = 2000 + (n % 25);
      const thesisId = insertThesis(db, {
        sourceId: `T${n}`,
        title: `ESTUDO ${n} SOBRE ${word.toUpperCase()} NO ESTADO`,
        abstract: `Resumo ${n}: investigação sobre ${word} e ${WORDS[(n + 3) % WORDS.length]} com análise de políticas públicas. `.repeat(16),
        keywords: `${word}; ${WORDS[(n + 1) % WORDS.length]}`,
        programme: `Programa ${n % 50}`,
        uf,
        area: `Área ${n % 20}`,
        defenceDate: `${year}-0${(n % 9) + 1}-15`,
        year,
      });
      for (const themeId of themeIds.get(uf) ?? []) {
        if (pairs >= pairCount) break;
        const pairId = Number(insertPairSql.run(thesisId, themeId).lastInsertRowid);
        pairs += 1;
        const seed = (pairId * 2654435761) % 1000;
        if (seed % 3 === 0) insertLabel.run(pairId, levels[(seed >> 2) % 3], seed % 2 ? 'curator' : 'imported');
        const a = (seed % 97) / 97;
        const b = ((seed * 7) % 89) / 89;
        const c = ((seed * 13) % 83) / 83;
        const sum = a + b + c + 1e-9;
        const probabilities = [a / sum, b / sum, c / sum];
        const level = levels[probabilities.indexOf(Math.max(...probabilities))];
        insertPredictionSql.run(pairId, modelId, level, probabilities[0], probabilities[1], probabilities[2]);
      }
    }
    return { theses: thesisCount, themes: themeCount, pairs };
  });
  return run();
}

export { SHARED_DATA };

interface MergedThesisRecord {
  source: string;
  source_id: string;
  title: string;
  abstract: string;
  keywords: string;
  institution: string;
  uf: string;
  programme: string;
  area: string;
  year: string;
}

/**
 * Inserts the first `count` real theses of the shared merged corpus (theses.csv) and pairs each with
 * two themes of its state and one national theme. Returns the thesis ids. Real titles and abstracts
 * bring real accents, quotes and lengths into the query and export tests.
 */
export function seedRealTheses(db: Db, count: number): number[] {
  const records = parse(fs.readFileSync(path.join(SHARED_DATA, 'theses.csv')), { columns: true, to: count }) as MergedThesisRecord[];
  const run = db.transaction(() => {
    const national = insertTheme(db, { sourceId: 'N1', macroTheme: 'Sociedade', name: 'Educação e cidadania' });
    const themesByUf = new Map<string, number[]>();
    const thesisIds: number[] = [];
    records.forEach((record, index) => {
      const uf = record.uf || null;
      const thesisId = insertThesis(db, {
        sourceId: `${record.source}:${record.source_id}`,
        sourceIdField: 'hash_id',
        title: record.title,
        abstract: record.abstract || null,
        keywords: record.keywords || null,
        institution: record.institution || null,
        programme: record.programme || null,
        uf,
        area: record.area || null,
        year: record.year ? Number(record.year) : null,
        defenceDate: record.year ? `${record.year}-0${(index % 9) + 1}-1${index % 10}` : null,
      });
      thesisIds.push(thesisId);
      if (uf && !themesByUf.has(uf)) {
        themesByUf.set(uf, [
          insertTheme(db, { sourceId: `${uf}-1`, uf, macroTheme: 'Tecnologia', name: `Inteligência artificial em ${uf}` }),
          insertTheme(db, { sourceId: `${uf}-2`, uf, macroTheme: 'Sociedade', name: `Políticas públicas e história de ${uf}` }),
        ]);
      }
      const levels: Level[] = ['BAIXA', 'MEDIA', 'ALTA'];
      const themeIds = [...(themesByUf.get(uf ?? '') ?? []), national];
      themeIds.forEach((themeId, position) => {
        const labelled = (index + position) % 4 !== 0;
        insertPair(db, thesisId, themeId, labelled ? { level: levels[(index + position) % 3], source: position === 0 ? 'curator' : 'imported' } : undefined);
      });
    });
    return thesisIds;
  });
  return run();
}
