// Portuguese text normalisation for the lexical extractor and the justifications: lower case,
// stopword removal, Snowball stemming, then accent folding, so "Educação", "EDUCACAO" and
// "educação" all become the term "educ". Stemming runs before folding because the Portuguese
// Snowball rules match accented suffixes ("-ção", "-ência").

import snowball from 'snowball-stemmers';

const stemmer = snowball.newStemmer('portuguese');

// Function words of Portuguese (folded), plus a few English ones because titles and keywords mix
// both languages. Content words such as "estudo" stay: their IDF already makes them weak.
const STOPWORDS = new Set(
  `a ao aos aquela aquelas aquele aqueles aquilo as ate com como da das de dela delas dele deles depois do dos
  e ela elas ele eles em entre era eram essa essas esse esses esta estao estas este estes eu foi foram ha isso isto
  ja la lhe lhes mais mas me mesmo meu minha muito na nao nas nem no nos nossa nosso num numa o os ou para pela
  pelas pelo pelos por qual quando que quem se sem ser seu seus sua suas sob sobre tambem te tem tendo ter teu
  tua um uma umas uns voce vos sao seja sejam sera serao foi fosse forem pode podem onde cada outro outra outros
  outras tal tais todo toda todos todas apos assim desta deste destes destas nesta neste nestes nestas nessa
  nesse dessa desse the of and in to for on with by an is are from at as its this that which be or not`.split(/\s+/),
);

/** Removes diacritics and lower-cases: "Ciência" → "ciencia". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Splits into lower-case word tokens (letters and digits), keeping accents. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const stemCache = new Map<string, string | null>();

/** Returns the folded stem of a lower-case word, or null for a stopword or a one-letter token. */
export function termOf(word: string): string | null {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const folded = fold(word);
  let term: string | null = null;
  if (folded.length >= 2 && !STOPWORDS.has(folded) && !/^\d+$/.test(folded)) term = fold(stemmer.stem(word));
  // The cache only grows with the vocabulary of the corpus, tens of thousands of words at most.
  stemCache.set(word, term);
  return term;
}

/** Normalised terms of a text, in order, stopwords dropped. */
export function terms(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const word of words(text)) {
    const term = termOf(word);
    if (term) out.push(term);
  }
  return out;
}

/** Term frequencies of a text. */
export function termCounts(text: string | null | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
