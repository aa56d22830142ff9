// Cell-level rules shared by the XLSX and CSV writers: formula neutralising, the Excel cell-length
// cap, characters XML cannot carry, and ISO dates turned into real dates.

/** Maximum characters in one Excel cell (Excel specifications and limits, all versions since 2007). */
export const EXCEL_MAX_CELL_CHARS = 32_767;

/**
 * First characters that make Excel and LibreOffice read a typed-in or CSV text as a formula (the
 * OWASP "CSV injection" list). Tab and carriage return are included because some versions strip
 * them and then see the next character.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Prefixes a text that a spreadsheet would take for a formula with an apostrophe, the marker
 * Excel itself uses for "this is text". Apply to text cells only: numbers must stay numbers.
 */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]) ? `'${text}` : text;
}

/**
 * Control characters XML 1.0 forbids (all below U+0020 except tab, line feed and carriage return,
 * plus U+FFFE and U+FFFF) and unpaired surrogates. One in a cell makes the whole XLSX unreadable.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function removeXmlInvalidChars(text: string): string {
  return text.replace(XML_INVALID, '');
}

/**
 * Cuts a text to `max` UTF-16 code units without splitting a surrogate pair, so an emoji at the
 * cut is dropped whole instead of leaving half a character.
 */
export function truncateText(text: string, max: number = EXCEL_MAX_CELL_CHARS): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}

/**
 * Parses an ISO date (YYYY-MM-DD, optionally followed by a time, which is ignored) into a Date at
 * UTC midnight, which exceljs stores as a whole-day serial. Returns null for anything else.
 */
export function isoDateToUtc(value: string | null): Date | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date;
}

/** Formats an ISO date as dd/mm/aaaa, the Brazilian form; other strings come back unchanged. */
export function isoDateToBrazilian(value: string): string {
  const date = isoDateToUtc(value);
  if (!date) return value;
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}/${date.getUTCFullYear()}`;
}
