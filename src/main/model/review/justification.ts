// Justifications in words a curator can check. They list the theme terms found in the thesis,
// weighted by IDF and spelled as the thesis spells them, and the abstract sentence that shares the
// most IDF weight with the theme. They come from the version's lexical extractor, so no encoder is needed.

import type { PairText } from '../features/extractor';
import type { LexicalExtractor } from '../features/lexical';
import { terms, termOf, words } from '../text/normalise';

export interface MatchedTerm {
  /** The word as the thesis writes it (lower case). */
  word: string;
  /** The normalised term (folded Snowball stem) both sides share. */
  term: string;
  /** IDF weight of the term; rarer terms tie thesis and theme more strongly. */
  weight: number;
}

export interface Justification {
  terms: MatchedTerm[];
  /** The abstract sentence sharing the most theme-term weight; null without an abstract or a shared term. */
  passage: string | null;
}

export const MAX_JUSTIFICATION_TERMS = 8;

/** Splits an abstract into sentences at ., ! or ? followed by a space. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function justify(lexical: LexicalExtractor, pair: PairText): Justification {
  const themeTerms = new Set(terms([pair.themeName, ...pair.themeKeywords].join(' ')));
  const surface = new Map<string, string>();
  const thesisText = [pair.title, pair.keywords, pair.abstract, pair.project, pair.researchLine].filter(Boolean).join(' ');
  for (const word of words(thesisText)) {
    const term = termOf(word);
    if (term && themeTerms.has(term) && !surface.has(term)) surface.set(term, word);
  }
  const matched = [...surface].map(([term, word]) => ({ term, word, weight: lexical.idf(term) }));
  matched.sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term));

  let passage: string | null = null;
  let bestScore = 0;
  for (const sentence of pair.abstract ? sentences(pair.abstract) : []) {
    let score = 0;
    for (const term of new Set(terms(sentence))) if (themeTerms.has(term)) score += lexical.idf(term);
    if (score > bestScore) {
      bestScore = score;
      passage = sentence;
    }
  }
  return { terms: matched.slice(0, MAX_JUSTIFICATION_TERMS), passage };
}
