// Theses repository: insert or update theses deduplicated by source id, else by a hash of the
// normalised title and abstract, plus the per-state counts the status screen shows.

import { createHash } from 'node:crypto';

import type Database from 'better-sqlite3';

import type { ThesisFields } from '../../shared/thesis';
import type { Db } from './connection';

/** A thesis as an importer produces it. Absent fields are null, never empty strings. */
export interface ThesisInput extends ThesisFields {
  /** Identifier exactly as the file has it (ID_PRODUCAO_INTELECTUAL, hash_id, a spreadsheet id). */
  sourceId: string | null;
  /** Column the identifier came from, such as ID_PRODUCAO_INTELECTUAL or hash_id. */
  sourceIdField: string | null;
}

/**
 * 'conflict': another thesis, read from a different id column, already has this source id, and
 * nothing was written. Two spreadsheets that both number their rows 1, 2, 3 cause it.
 */
export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged' | 'conflict';

/** Columns of `theses` that an import writes, in ThesisInput order (source_id and hash apart). */
const COLUMNS: ReadonlyArray<[keyof ThesisInput, string]> = [
  ['title', 'title'],
  ['abstract', 'abstract'],
  ['abstractEn', 'abstract_en'],
  ['keywords', 'keywords'],
  ['keywordsEn', 'keywords_en'],
  ['programme', 'programme'],
  ['programmeCode', 'programme_code'],
  ['institution', 'institution'],
  ['institutionAcronym', 'institution_acronym'],
  ['uf', 'uf'],
  ['researcherUf', 'researcher_uf'],
  ['region', 'region'],
  ['grandeArea', 'grande_area'],
  ['area', 'area'],
  ['subarea', 'subarea'],
  ['especialidade', 'especialidade'],
  ['areaAvaliacao', 'area_avaliacao'],
  ['degree', 'degree'],
  ['subtype', 'subtype'],
  ['defenceDate', 'defence_date'],
  ['year', 'year'],
  ['concentrationArea', 'concentration_area'],
  ['researchLine', 'research_line'],
  ['project', 'project'],
];

const statementCache = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepares `sql` once per connection; imports run the same statements hundreds of thousands of times. */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * Folds case, accents (combining marks U+0300–U+036F after NFD), punctuation and spacing so the
 * same text typed twice hashes the same. ASCII, Latin-1 and General Punctuation symbols count as
 * spaces; other characters are kept. Plain ranges instead of Unicode property classes keep this
 * cheap enough to run on every abstract of a 100,000-row import.
 */
export function normaliseForHash(text: string | null): string {
  if (!text) return '';
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s!-/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f]+/g, ' ')
    .trim();
}

/** sha256 (hex) of the normalised title and abstract: the dedupe key of a thesis without a source id. */
export function thesisContentHash(title: string, abstract: string | null): string {
  return createHash('sha256').update(`${normaliseForHash(title)}\n${normaliseForHash(abstract)}`).digest('hex');
}

type ThesisRow = Record<string, string | number | null> & { id: number; source_id: string | null };

function findExisting(db: Db, input: ThesisInput, hash: string): ThesisRow | undefined {
  if (input.sourceId != null) {
    const bySource = cachedStatement(db, 'SELECT * FROM theses WHERE source_id = ?').get(input.sourceId) as ThesisRow | undefined;
    if (bySource) return bySource;
    // A thesis first imported from a file without ids gains the id when a file with ids brings it again.
    return cachedStatement(db, 'SELECT * FROM theses WHERE content_hash = ? AND source_id IS NULL LIMIT 1').get(hash) as
      | ThesisRow
      | undefined;
  }
  return cachedStatement(db, 'SELECT * FROM theses WHERE content_hash = ? ORDER BY id LIMIT 1').get(hash) as ThesisRow | undefined;
}

const INSERT_SQL = `INSERT INTO theses (source_id, source_id_field, content_hash, ${COLUMNS.map(([, c]) => c).join(', ')}, import_id)
  VALUES (?, ?, ?, ${COLUMNS.map(() => '?').join(', ')}, ?)`;

/**
 * Inserts a thesis or merges it into the one with the same source id (else the same content hash).
 * A merge keeps stored values where the new row has none, and leaves import_id pointing at the
 * import that first brought the thesis. Call inside the caller's transaction.
 */
export function upsertThesis(db: Db, input: ThesisInput, importId: number | null): { id: number; outcome: UpsertOutcome } {
  const hash = thesisContentHash(input.title, input.abstract);
  const existing = findExisting(db, input, hash);
  if (!existing) {
    const values = COLUMNS.map(([field]) => input[field]);
    const result = cachedStatement(db, INSERT_SQL).run(input.sourceId, input.sourceIdField, hash, ...values, importId);
    return { id: Number(result.lastInsertRowid), outcome: 'inserted' };
  }

  if (
    input.sourceId != null &&
    existing.source_id === input.sourceId &&
    existing.source_id_field !== input.sourceIdField &&
    normaliseForHash(String(existing.title)) !== normaliseForHash(input.title)
  ) {
    return { id: existing.id, outcome: 'conflict' };
  }

  const merged = COLUMNS.map(([field, column]) => input[field] ?? existing[column]);
  const mergedTitle = String(merged[0]);
  const mergedAbstract = (merged[1] as string | null) ?? null;
  const mergedHash = thesisContentHash(mergedTitle, mergedAbstract);
  const sourceId = existing.source_id ?? input.sourceId;
  const sourceIdField = (existing.source_id_field as string | null) ?? input.sourceIdField;
  const changed =
    mergedHash !== existing.content_hash ||
    sourceId !== existing.source_id ||
    COLUMNS.some(([, column], index) => merged[index] !== existing[column]);
  if (!changed) return { id: existing.id, outcome: 'unchanged' };

  cachedStatement(
    db,
    `UPDATE theses SET source_id = ?, source_id_field = ?, content_hash = ?, ${COLUMNS.map(([, c]) => `${c} = ?`).join(', ')} WHERE id = ?`,
  ).run(sourceId, sourceIdField, mergedHash, ...merged, existing.id);
  return { id: existing.id, outcome: 'updated' };
}

/** Returns the id of the oldest thesis with this content hash, or null. */
export function findThesisIdByContentHash(db: Db, hash: string): number | null {
  const row = cachedStatement(db, 'SELECT id FROM theses WHERE content_hash = ? ORDER BY id LIMIT 1').get(hash) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Returns the id of the thesis with this source id, or null. */
export function findThesisIdBySourceId(db: Db, sourceId: string): number | null {
  const row = cachedStatement(db, 'SELECT id FROM theses WHERE source_id = ?').get(sourceId) as { id: number } | undefined;
  return row?.id ?? null;
}

export interface StateThesisCount {
  /** Effective state: the institution's, else the researcher's; null when neither is known. */
  uf: string | null;
  theses: number;
}

/** Counts theses per effective state (institution's state, else the researcher's). */
export function countThesesByState(db: Db): StateThesisCount[] {
  return db
    .prepare('SELECT COALESCE(uf, researcher_uf) AS uf, COUNT(*) AS theses FROM theses GROUP BY 1 ORDER BY 1')
    .all() as StateThesisCount[];
}

export function countTheses(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM theses').get() as { n: number }).n;
}
