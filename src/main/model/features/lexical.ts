// The built-in lexical extractor. It needs no model weights, so it is always available. For each
// pair it writes TF-IDF cosines, BM25 scores and IDF-weighted term coverage between every thesis
// field and the theme (name + keywords). It adds phrase and bigram matches and the pair's standing
// among the other themes of the same thesis. Last come smoothed priors: how often the theme, the
// macro-theme and the knowledge areas get each level.
//
// Priors read labels, so a training row must not see its own: during fit the training pairs are
// split by thesis into PRIOR_FOLDS folds, and a training pair's priors are computed without its
// fold. That fold table lives only in the fitted instance. A restored extractor uses the priors of
// all training pairs, which is right for the pairs it predicts later.

import { throwIfAborted } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { themesPairedWith, type SiblingTheme } from '../../db/modelInputs';
import { terms } from '../text/normalise';
import type { ExtractOptions, ExtractorFactory, FeatureExtractor, PairText } from './extractor';

export const THESIS_FIELDS = ['title', 'keywords', 'abstract', 'programme', 'researchLine', 'project', 'concentrationArea'] as const;
type ThesisField = (typeof THESIS_FIELDS)[number];

const PRIOR_GROUPS = ['theme', 'macroTheme', 'grandeArea', 'area'] as const;
type PriorGroup = (typeof PRIOR_GROUPS)[number];

const PRIOR_FOLDS = 5;
/** Pseudo-count pulling a group's level shares towards the global shares (m-estimate smoothing). */
const PRIOR_SMOOTHING = 5;
const BM25_K1 = 1.2;
const BM25_B = 0.75;

type Counts = [number, number, number];

export interface LexicalState {
  /** Terms and their document frequency over the training theses and themes. */
  vocabulary: Record<string, number>;
  documents: number;
  /** Mean length in terms of each thesis field, for BM25's length normalisation. */
  averageLength: Record<ThesisField | 'all', number>;
  priors: Record<PriorGroup, Record<string, Counts>>;
  globalCounts: Counts;
}

type TermVector = Map<string, number>;

interface ThesisTerms {
  fields: Record<ThesisField | 'all', string[]>;
  vectors: Record<ThesisField | 'all', TermVector>;
  counts: Record<ThesisField | 'all', Map<string, number>>;
  bigrams: Set<string>;
  foldedText: string;
}

interface ThemeTerms {
  terms: string[];
  unique: string[];
  vector: TermVector;
  bigrams: string[];
  foldedName: string;
}

function columnNames(): string[] {
  const names: string[] = [];
  for (const field of THESIS_FIELDS) names.push(`cos.${field}`, `bm25.${field}`, `cover.${field}`);
  names.push('cos.all', 'bm25.all', 'cover.all', 'matched.log', 'matched.maxIdf', 'theme.terms.log', 'phrase', 'bigram.cover');
  names.push('rel.cos', 'rel.rank', 'rel.cover');
  names.push('missing.abstract', 'missing.keywords', 'abstract.length.log');
  for (const group of PRIOR_GROUPS) names.push(`prior.${group}.MEDIA`, `prior.${group}.ALTA`, `prior.${group}.support`);
  return names;
}

const COLUMNS = columnNames();
const RELATIVE_COLUMN = COLUMNS.indexOf('rel.cos');
/** Theses whose sibling themes are read from the database in one query. */
const SIBLING_CHUNK = 1000;

function fieldText(pair: PairText, field: ThesisField): string | null {
  return pair[field];
}

function groupKey(pair: PairText, group: PriorGroup): string | null {
  switch (group) {
    case 'theme':
      return String(pair.themeId);
    case 'macroTheme':
      return pair.macroTheme;
    case 'grandeArea':
      return pair.grandeArea;
    case 'area':
      return pair.area;
  }
}

function themeText(pair: PairText): string {
  return [pair.themeName, ...pair.themeKeywords].join(' ; ');
}

function bigramsOf(list: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < list.length; i++) out.push(`${list[i]} ${list[i + 1]}`);
  return out;
}

function foldText(text: string): string {
  return ` ${text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
}

/** Fold index of a thesis for the out-of-fold priors; a hash so it does not depend on row order. */
function priorFold(thesisId: number): number {
  return (Math.imul(thesisId ^ 0x9e3779b9, 0x85ebca6b) >>> 0) % PRIOR_FOLDS;
}

export class LexicalExtractor implements FeatureExtractor {
  readonly id = 'lexical';
  readonly columns: readonly string[] = COLUMNS;
  readonly width = COLUMNS.length;

  private state_: LexicalState | null;
  /** Per-fold label counts of the training pairs, for out-of-fold priors; empty after restore. */
  private foldPriors: Array<Record<PriorGroup, Map<string, Counts>>> = [];
  private trainingFold = new Map<number, number>();
  private themeCache = new Map<number, ThemeTerms>();
  private idfCache = new Map<string, number>();

  constructor(state: LexicalState | null = null) {
    this.state_ = state;
  }

  async fit(_db: Db, train: readonly PairText[], labels: readonly number[], options: ExtractOptions = {}): Promise<void> {
    const documentFrequency = new Map<string, number>();
    const lengthSums: Record<string, number> = {};
    const seenTheses = new Set<number>();
    const seenThemes = new Set<number>();
    let thesisCount = 0;
    const addDocument = (list: string[]): void => {
      for (const term of new Set(list)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    };
    for (let i = 0; i < train.length; i++) {
      const pair = train[i];
      if (!seenTheses.has(pair.thesisId)) {
        seenTheses.add(pair.thesisId);
        thesisCount += 1;
        const all: string[] = [];
        for (const field of THESIS_FIELDS) {
          const list = terms(fieldText(pair, field));
          lengthSums[field] = (lengthSums[field] ?? 0) + list.length;
          all.push(...list);
        }
        lengthSums.all = (lengthSums.all ?? 0) + all.length;
        addDocument(all);
      }
      if (!seenThemes.has(pair.themeId)) {
        seenThemes.add(pair.themeId);
        addDocument(terms(themeText(pair)));
      }
      if (i % 500 === 0) {
        throwIfAborted(options.signal, 'training');
        options.onProgress?.(i, train.length);
      }
    }
    const averageLength = {} as Record<ThesisField | 'all', number>;
    for (const field of [...THESIS_FIELDS, 'all'] as const) averageLength[field] = Math.max(1, (lengthSums[field] ?? 0) / Math.max(1, thesisCount));

    this.foldPriors = Array.from({ length: PRIOR_FOLDS }, () => emptyPriorMaps());
    this.trainingFold.clear();
    const globalCounts: Counts = [0, 0, 0];
    const totals = emptyPriorMaps();
    for (let i = 0; i < train.length; i++) {
      const pair = train[i];
      const label = labels[i];
      const fold = priorFold(pair.thesisId);
      this.trainingFold.set(pair.pairId, fold);
      globalCounts[label] += 1;
      for (const group of PRIOR_GROUPS) {
        const key = groupKey(pair, group);
        if (key == null) continue;
        addCount(totals[group], key, label);
        addCount(this.foldPriors[fold][group], key, label);
      }
    }
    const priors = {} as Record<PriorGroup, Record<string, Counts>>;
    for (const group of PRIOR_GROUPS) priors[group] = Object.fromEntries(totals[group]);
    this.state_ = {
      vocabulary: Object.fromEntries(documentFrequency),
      documents: thesisCount + seenThemes.size,
      averageLength,
      priors,
      globalCounts,
    };
    this.themeCache.clear();
    this.idfCache.clear();
    options.onProgress?.(train.length, train.length);
  }

  async transform(db: Db, pairs: readonly PairText[], out: Float32Array, offset: number, stride: number, options: ExtractOptions = {}): Promise<void> {
    const state = this.requireState();
    const byThesis = new Map<number, number[]>();
    for (let i = 0; i < pairs.length; i++) {
      const list = byThesis.get(pairs[i].thesisId);
      if (list) list.push(i);
      else byThesis.set(pairs[i].thesisId, [i]);
    }
    // Works one thesis at a time: its terms are built once for its pairs and its sibling themes.
    // They die young, so memory stays flat whatever the batch size.
    const thesisIds = [...byThesis.keys()];
    let done = 0;
    let reported = 0;
    for (let start = 0; start < thesisIds.length; start += SIBLING_CHUNK) {
      const chunk = thesisIds.slice(start, start + SIBLING_CHUNK);
      const siblings = themesPairedWith(db, chunk);
      for (const thesisId of chunk) {
        if (done - reported >= 500) {
          throwIfAborted(options.signal);
          options.onProgress?.(done, pairs.length);
          reported = done;
        }
        const indices = byThesis.get(thesisId)!;
        const thesis = this.thesisTerms(pairs[indices[0]]);
        const scores = new Map<number, { cos: number; cover: number }>();
        for (const i of indices) scores.set(pairs[i].themeId, this.writePairFeatures(state, thesis, pairs[i], out, offset + i * stride));
        this.writeRelativeFeatures(thesis, pairs, indices, scores, siblings.get(thesisId) ?? [], out, offset, stride);
        done += indices.length;
      }
    }
    options.onProgress?.(pairs.length, pairs.length);
  }

  state(): LexicalState {
    return this.requireState();
  }

  /** Inverse document frequency of a term (BM25 form, always positive). */
  idf(term: string): number {
    let value = this.idfCache.get(term);
    if (value === undefined) {
      const state = this.requireState();
      const df = state.vocabulary[term] ?? 0;
      value = Math.log(1 + (state.documents - df + 0.5) / (df + 0.5));
      // Bounded by the corpus vocabulary; a plain object lookup per term was the extractor's hot spot.
      this.idfCache.set(term, value);
    }
    return value;
  }

  private requireState(): LexicalState {
    if (!this.state_) throw new Error('LexicalExtractor used before fit or restore');
    return this.state_;
  }

  private thesisTerms(pair: PairText): ThesisTerms {
    const fields = {} as ThesisTerms['fields'];
    const all: string[] = [];
    for (const field of THESIS_FIELDS) {
      fields[field] = terms(fieldText(pair, field));
      all.push(...fields[field]);
    }
    fields.all = all;
    const vectors = {} as ThesisTerms['vectors'];
    const counts = {} as ThesisTerms['counts'];
    for (const key of [...THESIS_FIELDS, 'all'] as const) {
      counts[key] = countTerms(fields[key]);
      vectors[key] = this.tfidf(counts[key]);
    }
    const bigrams = new Set<string>();
    for (const field of ['title', 'keywords', 'abstract'] as const) for (const bigram of bigramsOf(fields[field])) bigrams.add(bigram);
    const foldedText = foldText([pair.title, pair.keywords ?? '', pair.abstract ?? ''].join(' . '));
    return { fields, vectors, counts, bigrams, foldedText };
  }

  private themeTerms(pair: PairText): ThemeTerms {
    let cached = this.themeCache.get(pair.themeId);
    if (cached) return cached;
    const list = terms(themeText(pair));
    cached = {
      terms: list,
      unique: [...new Set(list)],
      vector: this.tfidf(countTerms(list)),
      bigrams: [...new Set(bigramsOf(terms(pair.themeName)))],
      foldedName: foldText(pair.themeName).trim(),
    };
    if (this.themeCache.size > 5000) this.themeCache.clear();
    this.themeCache.set(pair.themeId, cached);
    return cached;
  }

  private tfidf(counts: Map<string, number>): TermVector {
    const vector: TermVector = new Map();
    let norm = 0;
    for (const [term, count] of counts) {
      const weight = (1 + Math.log(count)) * this.idf(term);
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  }

  private writePairFeatures(state: LexicalState, thesis: ThesisTerms, pair: PairText, out: Float32Array, row: number): { cos: number; cover: number } {
    const theme = this.themeTerms(pair);
    const idfs = theme.unique.map((term) => this.idf(term));
    const idfSum = idfs.reduce((a, b) => a + b, 0) || 1;
    let column = row;
    for (const field of THESIS_FIELDS) {
      out[column++] = cosine(thesis.vectors[field], theme.vector);
      out[column++] = this.bm25(thesis.counts[field], thesis.fields[field].length, state.averageLength[field], theme.unique, idfs) / idfSum;
      out[column++] = coverage(thesis.counts[field], theme.unique, idfs) / idfSum;
    }
    const cos = cosine(thesis.vectors.all, theme.vector);
    const cover = coverage(thesis.counts.all, theme.unique, idfs) / idfSum;
    let matched = 0;
    let maxIdf = 0;
    for (let t = 0; t < theme.unique.length; t++) {
      if (!thesis.counts.all.has(theme.unique[t])) continue;
      matched += 1;
      maxIdf = Math.max(maxIdf, idfs[t]);
    }
    const maxPossibleIdf = Math.log(1 + (state.documents + 0.5) / 0.5);
    let bigramHits = 0;
    for (const bigram of theme.bigrams) if (thesis.bigrams.has(bigram)) bigramHits += 1;
    out[column++] = cos;
    out[column++] = this.bm25(thesis.counts.all, thesis.fields.all.length, state.averageLength.all, theme.unique, idfs) / idfSum;
    out[column++] = cover;
    out[column++] = Math.log1p(matched);
    out[column++] = maxIdf / maxPossibleIdf;
    out[column++] = Math.log1p(theme.unique.length);
    out[column++] = theme.foldedName.length > 0 && thesis.foldedText.includes(` ${theme.foldedName} `) ? 1 : 0;
    out[column++] = theme.bigrams.length ? bigramHits / theme.bigrams.length : 0;
    // The three relative columns are filled by writeRelativeFeatures once the whole batch is known.
    column += 3;
    out[column++] = pair.abstract ? 0 : 1;
    out[column++] = pair.keywords ? 0 : 1;
    out[column++] = Math.log1p(thesis.fields.abstract.length);
    for (const group of PRIOR_GROUPS) {
      const [pMedia, pAlta, support] = this.prior(state, pair, group);
      out[column++] = pMedia;
      out[column++] = pAlta;
      out[column++] = support;
    }
    return { cos, cover };
  }

  /** Smoothed level shares of the pair's group, without the pair's own fold when it is a training pair. */
  private prior(state: LexicalState, pair: PairText, group: PriorGroup): [number, number, number] {
    const key = groupKey(pair, group);
    const counts: Counts = [0, 0, 0];
    const globalCounts: Counts = [...state.globalCounts];
    if (key != null) {
      const total = state.priors[group][key];
      if (total) for (let c = 0; c < 3; c++) counts[c] = total[c];
    }
    const fold = this.trainingFold.get(pair.pairId);
    if (fold !== undefined && key != null) {
      const own = this.foldPriors[fold][group].get(key);
      if (own) for (let c = 0; c < 3; c++) counts[c] -= own[c];
    }
    const n = counts[0] + counts[1] + counts[2];
    const globalTotal = globalCounts[0] + globalCounts[1] + globalCounts[2] || 1;
    const share = (c: number): number => (counts[c] + (PRIOR_SMOOTHING * globalCounts[c]) / globalTotal) / (n + PRIOR_SMOOTHING);
    return [share(1), share(2), Math.log1p(n)];
  }

  private bm25(counts: Map<string, number>, length: number, averageLength: number, query: string[], idfs: number[]): number {
    if (length === 0) return 0;
    let score = 0;
    const norm = BM25_K1 * (1 - BM25_B + (BM25_B * length) / averageLength);
    for (let t = 0; t < query.length; t++) {
      const tf = counts.get(query[t]);
      if (tf) score += (idfs[t] * tf * (BM25_K1 + 1)) / (tf + norm);
    }
    return score;
  }

  /**
   * Writes how each pair of one thesis compares with the other themes of that thesis: the gap to
   * the thesis's best cosine and coverage, and the rank by cosine (0 = best). The other themes are
   * every theme the thesis is paired with in the database, labelled or not, plus the pairs of the
   * batch. Training batches hold only labelled pairs, so reading the database keeps the ranking the
   * same at training and at prediction time.
   */
  private writeRelativeFeatures(
    thesis: ThesisTerms,
    pairs: readonly PairText[],
    indices: readonly number[],
    scores: Map<number, { cos: number; cover: number }>,
    siblings: readonly SiblingTheme[],
    out: Float32Array,
    offset: number,
    stride: number,
  ): void {
    for (const sibling of siblings) {
      if (scores.has(sibling.themeId)) continue;
      const theme = this.themeTerms({ ...pairs[indices[0]], themeId: sibling.themeId, themeName: sibling.name, themeKeywords: sibling.keywords });
      const idfs = theme.unique.map((term) => this.idf(term));
      const idfSum = idfs.reduce((a, b) => a + b, 0) || 1;
      scores.set(sibling.themeId, { cos: cosine(thesis.vectors.all, theme.vector), cover: coverage(thesis.counts.all, theme.unique, idfs) / idfSum });
    }
    let maxCos = 0;
    let maxCover = 0;
    for (const score of scores.values()) {
      maxCos = Math.max(maxCos, score.cos);
      maxCover = Math.max(maxCover, score.cover);
    }
    const all = [...scores.values()];
    for (const i of indices) {
      const own = scores.get(pairs[i].themeId)!;
      let better = 0;
      for (const score of all) if (score.cos > own.cos) better += 1;
      const row = offset + i * stride + RELATIVE_COLUMN;
      out[row] = own.cos - maxCos;
      out[row + 1] = all.length > 1 ? better / (all.length - 1) : 0;
      out[row + 2] = own.cover - maxCover;
    }
  }
}

function emptyPriorMaps(): Record<PriorGroup, Map<string, Counts>> {
  return { theme: new Map(), macroTheme: new Map(), grandeArea: new Map(), area: new Map() };
}

function addCount(map: Map<string, Counts>, key: string, label: number): void {
  let counts = map.get(key);
  if (!counts) {
    counts = [0, 0, 0];
    map.set(key, counts);
  }
  counts[label] += 1;
}

function countTerms(list: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of list) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function cosine(a: TermVector, b: TermVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other) dot += weight * other;
  }
  return dot;
}

function coverage(counts: Map<string, number>, query: string[], idfs: number[]): number {
  let covered = 0;
  for (let t = 0; t < query.length; t++) if (counts.has(query[t])) covered += idfs[t];
  return covered;
}

export const lexicalFactory: ExtractorFactory = {
  kind: 'lexical',
  create: () => new LexicalExtractor(),
  restore: (_config, state) => new LexicalExtractor(state as LexicalState),
};
