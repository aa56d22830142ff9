// Cell rules: formula neutralising, XML-invalid characters, the 32,767 cap and ISO dates.

import { describe, expect, it } from 'vitest';

import {
  EXCEL_MAX_CELL_CHARS,
  isoDateToBrazilian,
  isoDateToUtc,
  neutraliseFormula,
  removeXmlInvalidChars,
  truncateText,
} from '../../../../src/main/corpus/export/cells';

describe('neutraliseFormula', () => {
  const cases: [string, string][] = [
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+5511999999999', "'+5511999999999"],
    ['-2 + 3', "'-2 + 3"],
    ['@cmd', "'@cmd"],
    ['\tindentado', "'\tindentado"],
    ['\rretorno', "'\rretorno"],
    ['=HYPERLINK("http://127.0.0.1")', '\'=HYPERLINK("http://127.0.0.1")'],
    ['EDUCAÇÃO = ESCOLA', 'EDUCAÇÃO = ESCOLA'],
    ['a-b', 'a-b'],
    [' =espaço antes', ' =espaço antes'],
    ['', ''],
    ["'já com apóstrofo", "'já com apóstrofo"],
    ['2023', '2023'],
  ];
  it.each(cases)('neutralises %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });
});

describe('removeXmlInvalidChars', () => {
  it('drops control characters only', () => {
    expect(removeXmlInvalidChars('a\u0000b\u0001c\u001Fd')).toBe('abcd');
    expect(removeXmlInvalidChars('tab\there\nline\rcr')).toBe('tab\there\nline\rcr');
    expect(removeXmlInvalidChars('ação 😀')).toBe('ação 😀');
  });

  it('drops unpaired surrogates', () => {
    expect(removeXmlInvalidChars('x\uD83Dy')).toBe('xy');
    expect(removeXmlInvalidChars('x\uDE00y')).toBe('xy');
  });
});

describe('truncateText', () => {
  it('cuts at the Excel cap', () => {
    expect(truncateText('é'.repeat(EXCEL_MAX_CELL_CHARS + 10))).toHaveLength(EXCEL_MAX_CELL_CHARS);
    expect(truncateText('curto')).toBe('curto');
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(EXCEL_MAX_CELL_CHARS - 1)}😀tail`;
    const cut = truncateText(text);
    expect(cut).toHaveLength(EXCEL_MAX_CELL_CHARS - 1);
    expect(cut.endsWith('a')).toBe(true);
  });
});

describe('dates', () => {
  it('parses ISO dates at UTC midnight', () => {
    expect(isoDateToUtc('2023-03-10')?.toISOString()).toBe('2023-03-10T00:00:00.000Z');
    expect(isoDateToUtc('2023-03-10T14:00:00')?.toISOString()).toBe('2023-03-10T00:00:00.000Z');
  });

  it('rejects impossible and non-ISO dates', () => {
    expect(isoDateToUtc('2023-02-30')).toBeNull();
    expect(isoDateToUtc('10/03/2023')).toBeNull();
    expect(isoDateToUtc(null)).toBeNull();
  });

  it('formats dd/mm/aaaa', () => {
    expect(isoDateToBrazilian('2023-03-10')).toBe('10/03/2023');
    expect(isoDateToBrazilian('sem data')).toBe('sem data');
  });
});
