// The 27 Brazilian federative units: two-letter codes and names, so a state written out in full
// ("RIO GRANDE DO SUL", "São Paulo") or as a code ("rs") resolves to one code.

import { foldText } from './values';

export const STATES: Readonly<Record<string, string>> = {
  AC: 'Acre',
  AL: 'Alagoas',
  AP: 'Amapá',
  AM: 'Amazonas',
  BA: 'Bahia',
  CE: 'Ceará',
  DF: 'Distrito Federal',
  ES: 'Espírito Santo',
  GO: 'Goiás',
  MA: 'Maranhão',
  MT: 'Mato Grosso',
  MS: 'Mato Grosso do Sul',
  MG: 'Minas Gerais',
  PA: 'Pará',
  PB: 'Paraíba',
  PR: 'Paraná',
  PE: 'Pernambuco',
  PI: 'Piauí',
  RJ: 'Rio de Janeiro',
  RN: 'Rio Grande do Norte',
  RS: 'Rio Grande do Sul',
  RO: 'Rondônia',
  RR: 'Roraima',
  SC: 'Santa Catarina',
  SP: 'São Paulo',
  SE: 'Sergipe',
  TO: 'Tocantins',
};

const BY_FOLDED_NAME = new Map<string, string>(Object.entries(STATES).map(([code, name]) => [foldText(name), code]));

/** Words that mean "no state" in a theme catalogue: the theme is national. */
const NATIONAL = new Set(['nacional', 'brasil', 'brazil', 'national', 'br']);

/**
 * Resolves a state code or name to its two-letter code. Returns null for an empty value and
 * undefined for a value that is not a Brazilian state.
 */
export function parseState(raw: string | null): string | null | undefined {
  if (raw == null) return null;
  const folded = foldText(raw);
  if (folded === '') return null;
  const upper = folded.toUpperCase();
  if (upper.length === 2 && upper in STATES) return upper;
  return BY_FOLDED_NAME.get(folded);
}

/** Like parseState, but also reads "NACIONAL" and similar words as a national theme (null). */
export function parseThemeState(raw: string | null): string | null | undefined {
  if (raw != null && NATIONAL.has(foldText(raw))) return null;
  return parseState(raw);
}
