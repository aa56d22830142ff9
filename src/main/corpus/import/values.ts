// Cell values as files write them, turned into what the database stores: trimmed text with the
// CAPES "NI"/"NA" markers read as missing, ISO dates, years, keyword lists.

/** Values CAPES and agency spreadsheets use for "not informed". */
const MISSING = new Set(['', 'NI', 'NA', 'N/A', 'NULL', 'NAN', 'NONE']);

/** Lower case, no accents, single spaces: the form used to compare names typed by people. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Turns any cell (string, number, bigint, Date, rich text) into trimmed text, or null when missing. */
export function cellText(value: unknown): string | null {
  if (value == null) return null;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') text = String(value);
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  else if (Array.isArray(value)) text = value.map((item) => cellText(item) ?? '').filter(Boolean).join('; ');
  else text = richText(value);
  text = text.replace(/\r\n?/g, '\n').trim();
  // Exports neutralise formulas with a leading apostrophe; reading one back restores the text.
  if (/^'[=+\-@\t\r]/.test(text)) text = text.slice(1);
  return MISSING.has(text.toUpperCase()) ? null : text;
}

/**
 * exceljs cell objects: rich text runs, hyperlinks, formulas with a cached result. An error cell
 * (#N/A, #REF!) and a formula saved without its result read as missing, never as "[object Object]".
 */
function richText(value: object): string {
  const cell = value as {
    richText?: { text: string }[];
    text?: unknown;
    result?: unknown;
    hyperlink?: string;
    error?: string;
    formula?: string;
    sharedFormula?: string;
  };
  if (Array.isArray(cell.richText)) return cell.richText.map((run) => run.text).join('');
  if (cell.text != null) return cellText(cell.text) ?? '';
  if (cell.result != null) return cellText(cell.result) ?? '';
  if (cell.hyperlink) return cell.hyperlink;
  if (cell.error != null || cell.formula != null || cell.sharedFormula != null) return '';
  return String(value);
}

const MONTHS: Record<string, number> = {
  JAN: 1, FEB: 2, FEV: 2, MAR: 3, APR: 4, ABR: 4, MAY: 5, MAI: 5, JUN: 6,
  JUL: 7, AUG: 8, AGO: 8, SEP: 9, SET: 9, OCT: 10, OUT: 10, NOV: 11, DEC: 12, DEZ: 12,
};

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1900 || year > 2100) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Reads a defence date as the sources write it: ISO (2023-08-25, with or without a time), Brazilian
 * dd/mm/aaaa, and the SAS form of older CAPES files (27MAR2013:00:00:00). Returns null otherwise.
 */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return excelSerialDate(value);
  const text = cellText(value);
  if (!text) return null;
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$/.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: .*)?$/.exec(text);
  if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
  match = /^(\d{1,2})([A-Za-z]{3})(\d{4})(?::.*)?$/.exec(text);
  if (match && MONTHS[match[2].toUpperCase()]) return isoDate(Number(match[3]), MONTHS[match[2].toUpperCase()], Number(match[1]));
  return null;
}

/**
 * Reads an XLSX number in a date column as an Excel serial date (days since 1899-12-30, the epoch
 * that absorbs Excel's fictitious 29/02/1900), as a date column formatted "Geral" stores it. An
 * integer from 1900 to 2100 is a year typed into the date column, not a serial, so it is no date.
 */
function excelSerialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  if (Number.isInteger(serial) && serial >= 1900 && serial <= 2100) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Reads a four-digit year between 1900 and 2100; null otherwise. */
export function parseYear(value: unknown): number | null {
  const text = cellText(value);
  if (!text) return null;
  const match = /^(\d{4})(?:\.0+)?$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  return year >= 1900 && year <= 2100 ? year : null;
}

/**
 * Reads a theme's keyword list: a real list (parquet), a JSON array, a Python list literal
 * (['a', 'b'], as pandas writes lists to CSV), or text separated by ';' (else ',').
 */
export function parseKeywordList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((item) => cellText(item)).filter((item): item is string => item != null);
  const text = cellText(value);
  if (!text) return [];
  if (text.startsWith('[') && text.endsWith(']')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) return parseKeywordList(parsed);
    } catch {
      // Not JSON: a Python list literal uses single quotes.
    }
    const items = [...text.slice(1, -1).matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2]).trim());
    return items.filter(Boolean);
  }
  const separator = text.includes(';') ? ';' : ',';
  return text
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
}
