import { describe, expect, it } from 'vitest';

import { detectSeparator } from '../../../../src/main/corpus/import/csvSource';
import { headerKey, mapColumns } from '../../../../src/main/corpus/import/fields';
import { parseState, parseThemeState } from '../../../../src/main/corpus/import/states';
import { cellText, parseDate, parseKeywordList, parseYear } from '../../../../src/main/corpus/import/values';

describe('cell values', () => {
  it('reads CAPES missing markers', () => {
    expect(cellText('NI')).toBeNull();
    expect(cellText(' NA ')).toBeNull();
    expect(cellText('')).toBeNull();
    expect(cellText('NIVEL')).toBe('NIVEL');
    expect(cellText(123n)).toBe('123');
    expect(cellText({ error: '#N/A' })).toBeNull();
    expect(cellText({ formula: 'A1*2' })).toBeNull();
    expect(cellText({ formula: 'A1*2', result: 4 })).toBe('4');
  });

  it('parses defence dates in every source form', () => {
    expect(parseDate('2023-08-25')).toBe('2023-08-25');
    expect(parseDate('2023-08-25 00:00:00')).toBe('2023-08-25');
    expect(parseDate('25/08/2023')).toBe('2023-08-25');
    expect(parseDate('27MAR2013:00:00:00')).toBe('2013-03-27');
    expect(parseDate(new Date(Date.UTC(2020, 0, 2)))).toBe('2020-01-02');
    expect(parseDate('31/02/2023')).toBeNull();
    expect(parseDate('ontem')).toBeNull();
    expect(parseDate(44927)).toBe('2023-01-01');
    expect(parseDate(45163.5)).toBe('2023-08-25');
    expect(parseDate(2023)).toBeNull();
  });

  it('parses years within range', () => {
    expect(parseYear('2021')).toBe(2021);
    expect(parseYear(2021)).toBe(2021);
    expect(parseYear('1850')).toBeNull();
    expect(parseYear('20xx')).toBeNull();
  });

  it('parses keyword lists', () => {
    expect(parseKeywordList("['soja', 'milho']")).toEqual(['soja', 'milho']);
    expect(parseKeywordList('["a","b"]')).toEqual(['a', 'b']);
    expect(parseKeywordList('[]')).toEqual([]);
    expect(parseKeywordList('a; b;c')).toEqual(['a', 'b', 'c']);
    expect(parseKeywordList(['x', null, 'y'])).toEqual(['x', 'y']);
  });

  it('resolves states by code and name', () => {
    expect(parseState('rs')).toBe('RS');
    expect(parseState('RIO GRANDE DO SUL')).toBe('RS');
    expect(parseState('sao paulo')).toBe('SP');
    expect(parseState('')).toBeNull();
    expect(parseState('XX')).toBeUndefined();
    expect(parseThemeState('Nacional')).toBeNull();
  });
});

describe('headers', () => {
  it('detects the separator of the header line', () => {
    expect(detectSeparator('"A";"B";"C"')).toBe(';');
    expect(detectSeparator('a,b,"c;d"')).toBe(',');
    expect(detectSeparator('tema_id\ttema')).toBe('\t');
  });

  it('folds headers and prefers stronger synonyms', () => {
    expect(headerKey('\uFEFFPalavras-Chave ')).toBe('palavras_chave');
    const columns = mapColumns(['id', 'ID_PRODUCAO_INTELECTUAL', 'Título', 'Resumo', 'Abstract']);
    expect(columns.header.sourceId).toBe('ID_PRODUCAO_INTELECTUAL');
    expect(columns.header.title).toBe('Título');
    expect(columns.header.abstract).toBe('Resumo');
    expect(columns.header.abstractEn).toBe('Abstract');
    expect(columns.unmapped).toEqual(['id']);
  });

  it('reads Nivel as the degree in 1987–2012 files only', () => {
    expect(mapColumns(['TituloTese', 'Nivel']).header.degree).toBe('Nivel');
    expect(mapColumns(['titulo', 'nivel']).header.level).toBe('nivel');
  });
});
