// Labelled pairs for model tests, written straight into a real database with SQL: a small
// constructed corpus, and the real labelled pairs of the challenge-format evaluation file.

import fs from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';

import type { Db } from '../../src/main/db/connection';
import { appendLabel } from '../../src/main/db/labels';
import { parseLevel, type Level } from '../../src/shared/levels';
import { SHARED_DATA } from './data';

export const PARES_DEV = path.join(SHARED_DATA, 'eval/pares_dev.csv');

export interface SeedThesis {
  key: string;
  title: string;
  abstract?: string | null;
  keywords?: string | null;
  programme?: string | null;
  grandeArea?: string | null;
  area?: string | null;
}

export interface SeedTheme {
  key: string;
  name: string;
  keywords?: string[];
  macroTheme?: string | null;
}

export interface SeedPair {
  thesis: string;
  theme: string;
  level: Level | null;
}

/** Inserts theses, themes and pairs with imported labels; returns pair ids by "thesis|theme". */
export function seedCorpus(db: Db, theses: SeedThesis[], themes: SeedTheme[], pairs: SeedPair[]): Map<string, number> {
  const thesisIds = new Map<string, number>();
  const themeIds = new Map<string, number>();
  const pairIds = new Map<string, number>();
  db.transaction(() => {
    const insertThesis = db.prepare(
      'INSERT INTO theses (source_id, content_hash, title, abstract, keywords, programme, grande_area, area) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const t of theses) {
      const id = insertThesis.run(t.key, `hash:${t.key}`, t.title, t.abstract ?? null, t.keywords ?? null, t.programme ?? null, t.grandeArea ?? null, t.area ?? null).lastInsertRowid;
      thesisIds.set(t.key, Number(id));
    }
    const insertTheme = db.prepare('INSERT INTO themes (source_id, name, keywords, macro_theme) VALUES (?, ?, ?, ?)');
    for (const t of themes) {
      themeIds.set(t.key, Number(insertTheme.run(t.key, t.name, JSON.stringify(t.keywords ?? []), t.macroTheme ?? null).lastInsertRowid));
    }
    const insertPair = db.prepare("INSERT INTO pairs (thesis_id, theme_id, created_at) VALUES (?, ?, '2026-01-01T00:00:00Z')");
    for (const p of pairs) {
      const thesisId = thesisIds.get(p.thesis);
      const themeId = themeIds.get(p.theme);
      if (thesisId == null || themeId == null) throw new Error(`seedCorpus: unknown thesis or theme in ${p.thesis}|${p.theme}`);
      const id = Number(insertPair.run(thesisId, themeId).lastInsertRowid);
      pairIds.set(`${p.thesis}|${p.theme}`, id);
      if (p.level) appendLabel(db, { pairId: id, level: p.level, source: 'imported' });
    }
  })();
  return pairIds;
}

/** Loads the real labelled pairs of pares_dev.csv; returns the number of pairs written. */
export function seedParesDev(db: Db, file = PARES_DEV): number {
  const records = parse(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
  const theses = new Map<string, SeedThesis>();
  const themes = new Map<string, SeedTheme>();
  const pairs = new Map<string, SeedPair>();
  const orNull = (value: string | undefined): string | null => (value && value.trim() ? value : null);
  for (const r of records) {
    if (!theses.has(r.hash_id)) {
      theses.set(r.hash_id, {
        key: r.hash_id,
        title: r.nome_producao,
        abstract: orNull(r.descricao_resumo),
        keywords: orNull(r.descricao_palavra_chave),
        programme: orNull(r.nome_programa),
        grandeArea: orNull(r.nome_grande_area_conhecimento),
        area: orNull(r.nome_area_conhecimento),
      });
    }
    if (!themes.has(r.tema_id)) {
      let keywords: string[];
      try {
        keywords = JSON.parse(r.palavras_chave.replace(/'/g, '"')) as string[];
      } catch {
        keywords = [];
      }
      themes.set(r.tema_id, { key: r.tema_id, name: r.tema, keywords });
    }
    pairs.set(`${r.hash_id}|${r.tema_id}`, { thesis: r.hash_id, theme: r.tema_id, level: parseLevel(r.modelo_nivel) });
  }
  seedCorpus(db, [...theses.values()], [...themes.values()], [...pairs.values()]);
  return pairs.size;
}
