// Adherence levels of a (thesis, theme) pair. Stored as the challenge data spells them (MEDIA without
// the accent); shown to people as BAIXA, MÉDIA and ALTA.

export const LEVELS = ['BAIXA', 'MEDIA', 'ALTA'] as const;
export type Level = (typeof LEVELS)[number];

/** Ordinal index of each level: BAIXA < MÉDIA < ALTA. */
export const LEVEL_INDEX: Record<Level, number> = { BAIXA: 0, MEDIA: 1, ALTA: 2 };

export const LEVEL_LABEL: Record<Level, string> = { BAIXA: 'BAIXA', MEDIA: 'MÉDIA', ALTA: 'ALTA' };

/** Where the current level of a pair came from. */
export const LABEL_SOURCES = ['imported', 'curator', 'accepted_prediction'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

/**
 * Parses a level as people and files write it: any case, with or without the accent, and the
 * English names LOW / MEDIUM / HIGH. Returns null for anything else, including the empty string.
 */
export function parseLevel(raw: string | null | undefined): Level | null {
  if (raw == null) return null;
  const folded = raw
    .trim()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase();
  switch (folded) {
    case 'BAIXA':
    case 'LOW':
    case 'B':
      return 'BAIXA';
    case 'MEDIA':
    case 'MEDIUM':
    case 'M':
      return 'MEDIA';
    case 'ALTA':
    case 'HIGH':
    case 'A':
      return 'ALTA';
    default:
      return null;
  }
}
