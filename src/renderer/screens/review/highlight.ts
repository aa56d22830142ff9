// Finds a theme's terms inside thesis text, ignoring case and accents ("educacao" marks
// "Educação"), and returns the text cut into plain and highlighted segments.

export interface TextSegment {
  text: string;
  highlighted: boolean;
}

const STOPWORDS = new Set([
  'a', 'as', 'o', 'os', 'de', 'da', 'das', 'do', 'dos', 'e', 'em', 'na', 'nas', 'no', 'nos', 'para', 'por',
  'com', 'sem', 'um', 'uma', 'ao', 'aos', 'à', 'às', 'the', 'of', 'and', 'in', 'for', 'on', 'to',
  'sobre', 'entre', 'pela', 'pelo', 'seu', 'sua', 'suas', 'seus', 'que', 'ou',
]);

function foldChar(char: string): string {
  return char.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Folds text and records, for each folded character, the index of the original character. */
function foldWithMap(text: string): { folded: string; origin: number[] } {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const f = foldChar(char);
    for (let k = 0; k < f.length; k += 1) origin.push(index);
    folded += f;
    index += char.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds the term list to mark: each keyword as a phrase, plus the words of the theme name that
 * carry meaning (four letters or more, no stop words).
 */
export function highlightTerms(themeName: string, keywords: string[], extra: string[] = []): string[] {
  const terms = new Set<string>();
  for (const term of [...keywords, ...extra]) {
    const folded = [...term.trim()].map(foldChar).join('');
    if (folded.length >= 3) terms.add(folded);
  }
  for (const word of themeName.split(/[^\p{L}\p{N}]+/u)) {
    const folded = [...word].map(foldChar).join('');
    if (folded.length >= 4 && !STOPWORDS.has(folded)) terms.add(folded);
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

/** Splits `text` into segments, marking whole-word matches of `terms` (a plural suffix included). */
export function highlight(text: string, terms: string[]): TextSegment[] {
  if (!text) return [];
  if (terms.length === 0) return [{ text, highlighted: false }];
  const { folded, origin } = foldWithMap(text);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escapeRegExp).join('|')})(?:s|es)?(?![\\p{L}\\p{N}])`, 'gu');
  const segments: TextSegment[] = [];
  let last = 0;
  for (const match of folded.matchAll(pattern)) {
    const start = origin[match.index];
    const end = origin[match.index + match[0].length];
    if (start > last) segments.push({ text: text.slice(last, start), highlighted: false });
    segments.push({ text: text.slice(start, end), highlighted: true });
    last = end;
  }
  if (last < text.length) segments.push({ text: text.slice(last), highlighted: false });
  return segments;
}
