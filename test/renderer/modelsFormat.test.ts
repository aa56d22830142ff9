// Number formats of the Models screen: scores, sizes and times follow the UI's locale, so the
// pt-BR screen never mixes "0.712" with "6,2 s".

import { describe, expect, it } from 'vitest';

import { formatBytes, formatScore, formatSeconds } from '../../src/renderer/screens/models/format';

describe('models screen number formats', () => {
  it('scores use the locale decimal separator', () => {
    expect(formatScore(0.7123, 'pt-BR')).toBe('0,712');
    expect(formatScore(0.7123, 'en')).toBe('0.712');
  });

  it('scores keep three decimals', () => {
    expect(formatScore(0.5, 'pt-BR')).toBe('0,500');
    expect(formatScore(1, 'en')).toBe('1.000');
  });

  it('missing score is a dash', () => {
    expect(formatScore(null, 'pt-BR')).toBe('—');
    expect(formatScore(undefined, 'en')).toBe('—');
  });

  it('sizes and times match scores', () => {
    expect(formatBytes(435_600_000, 'pt-BR')).toBe('415,4 MB');
    expect(formatSeconds(6.2, 'pt-BR')).toBe('6,2 s');
  });
});
