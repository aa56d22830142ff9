// CSV output in two variants. 'br' is what Excel in a Brazilian locale opens correctly by double
// click: UTF-8 with a byte-order mark (without it Excel assumes Windows-1252 and mangles accents),
// `;` separator, `,` decimal separator, every text field quoted, CRLF line ends, and no `sep=;`
// line (Excel then ignores the byte-order mark). 'intl' is RFC 4180 with `,` and `.`: UTF-8 without
// a byte-order mark, fields quoted only when they must be, CRLF line ends.

import fs from 'node:fs';
import { once } from 'node:events';

import type { PairRow } from '../../../shared/filters';
import { isoDateToBrazilian, neutraliseFormula } from './cells';
import type { ExportColumn } from './columns';

export const CSV_VARIANTS = ['br', 'intl'] as const;
export type CsvVariant = (typeof CSV_VARIANTS)[number];

interface CsvDialect {
  separator: string;
  decimal: string;
  bom: boolean;
  quoteAllText: boolean;
}

const DIALECTS: Record<CsvVariant, CsvDialect> = {
  br: { separator: ';', decimal: ',', bom: true, quoteAllText: true },
  intl: { separator: ',', decimal: '.', bom: false, quoteAllText: false },
};

const EOL = '\r\n';

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Formats a probability with at most 6 decimals, never in exponent notation. */
function formatDecimal(value: number, decimal: string): string {
  const fixed = Number(value.toFixed(6)).toString();
  return decimal === '.' ? fixed : fixed.replace('.', decimal);
}

export class CsvPairWriter {
  private readonly dialect: CsvDialect;
  private readonly stream: fs.WriteStream;
  neutralisedCells = 0;

  constructor(
    file: string,
    private readonly columns: readonly ExportColumn[],
    variant: CsvVariant,
  ) {
    this.dialect = DIALECTS[variant];
    this.stream = fs.createWriteStream(file, { encoding: 'utf8' });
  }

  async writeHeader(): Promise<void> {
    const header = this.columns.map((column) => this.formatText(column.header)).join(this.dialect.separator);
    await this.write(`${this.dialect.bom ? '\uFEFF' : ''}${header}${EOL}`);
  }

  async writeRows(rows: readonly PairRow[]): Promise<void> {
    const lines: string[] = [];
    for (const row of rows) {
      lines.push(this.columns.map((column) => this.formatCell(column, column.value(row))).join(this.dialect.separator));
    }
    await this.write(`${lines.join(EOL)}${EOL}`);
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'close');
  }

  /** Closes the file without waiting for buffered rows; the caller deletes it. */
  async destroy(): Promise<void> {
    if (this.stream.closed) return;
    const closed = once(this.stream, 'close');
    this.stream.destroy();
    await closed.catch(() => undefined);
  }

  private formatCell(column: ExportColumn, value: string | number | null): string {
    if (value == null) return column.kind === 'text' && this.dialect.quoteAllText ? '""' : '';
    switch (column.kind) {
      case 'integer':
        return String(value);
      case 'decimal':
        return formatDecimal(Number(value), this.dialect.decimal);
      case 'date':
        // Left unquoted so Excel reads it as a date: dd/mm/aaaa for Brazil, ISO otherwise.
        return this.dialect.decimal === ',' ? isoDateToBrazilian(String(value)) : String(value);
      case 'text': {
        const text = neutraliseFormula(String(value));
        if (text.length !== String(value).length) this.neutralisedCells += 1;
        return this.formatText(text);
      }
    }
  }

  private formatText(text: string): string {
    if (this.dialect.quoteAllText) return quote(text);
    const needsQuotes = text.includes(this.dialect.separator) || /["\r\n]/.test(text) || text !== text.trim();
    return needsQuotes ? quote(text) : text;
  }

  private async write(chunk: string): Promise<void> {
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}
