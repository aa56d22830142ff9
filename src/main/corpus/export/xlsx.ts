// XLSX output through exceljs's streaming WorkbookWriter: each row is committed as it is written, and
// strings are stored inline (no shared-string table), so memory stays bounded however many pairs
// there are. Sheets, in order: Pares (the data), Contagens (pairs per theme and level), Filtros (what
// was exported, when, with which model) and Leia-me (the columns, and every truncated cell). The
// data sheet must come first because the streaming writer zips sheets in creation order and the
// readme's truncation list is known only at the end.

import { once, type EventEmitter } from 'node:events';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import ExcelJS from 'exceljs';

import type { PairRow, ThemeLevelCount } from '../../../shared/filters';
import type { Translate } from '../../../shared/i18n';
import { EXCEL_MAX_CELL_CHARS, isoDateToUtc, neutraliseFormula, removeXmlInvalidChars, truncateText } from './cells';
import type { ExportColumn } from './columns';

export interface TruncatedCell {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  column: string;
  /** Length before truncation, in characters (UTF-16 code units, as Excel counts). */
  originalLength: number;
}

/** Truncated cells listed one per line on the Leia-me sheet; beyond this only the count is given. */
export const MAX_LISTED_TRUNCATIONS = 1000;

export interface WorkbookSummary {
  exportedAt: Date;
  rows: number;
  modelVersion: string | null;
  /** Filter fields already rendered as label/value lines. */
  filterLines: [string, string][];
  /** Pairs per theme and level for the Contagens sheet; null leaves the sheet out. */
  counts: ThemeLevelCount[] | null;
}

const BOLD = { bold: true };

/** archiver's input stream: a readable-stream 2 PassThrough, which has no writableLength. */
interface PipedStream extends EventEmitter {
  writableLength?: number;
  _writableState?: { length: number };
}
const DATE_FORMAT = 'dd/mm/yyyy';

export class XlsxPairWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private readonly stream: fs.WriteStream;
  /** First error of the output file (disk full, permission), raised by the next writeRows(). */
  private error: Error | undefined;
  private rowNumber = 1;
  readonly truncated: TruncatedCell[] = [];
  truncatedCells = 0;
  neutralisedCells = 0;

  constructor(
    file: string,
    private readonly columns: readonly ExportColumn[],
    private readonly t: Translate,
  ) {
    this.stream = fs.createWriteStream(file);
    this.stream.on('error', (error) => {
      this.error ??= error;
    });
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.stream, useStyles: true, useSharedStrings: false });
    this.workbook.creator = 'Aderência';
    this.sheet = this.workbook.addWorksheet('Pares', { views: [{ state: 'frozen', ySplit: 1 }] });
    this.sheet.columns = columns.map((column) => ({
      key: column.header,
      width: column.width,
      style: columnStyle(column),
    }));
  }

  writeHeader(): void {
    const header = this.sheet.addRow(this.columns.map((column) => column.header));
    header.font = BOLD;
    header.commit();
  }

  writeRows(rows: readonly PairRow[]): void {
    if (this.error) throw this.error;
    for (const row of rows) {
      this.rowNumber += 1;
      const values = this.columns.map((column) => this.cellValue(column, column.value(row)));
      this.sheet.addRow(values).commit();
    }
  }

  /** Writes the summary sheets and the zip's central directory. */
  async finish(summary: WorkbookSummary): Promise<void> {
    this.sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(this.rowNumber, 1), column: this.columns.length } };
    this.sheet.commit();
    if (summary.counts) this.writeCounts(summary.counts);
    this.writeFilters(summary);
    this.writeReadme();
    const closed = once(this.stream, 'close');
    await this.workbook.commit();
    await closed;
    if (this.error) throw this.error;
  }

  /** Stops writing and closes the file; the caller deletes it. */
  async destroy(): Promise<void> {
    if (this.stream.closed) return;
    const closed = once(this.stream, 'close').catch(() => undefined);
    this.stream.destroy();
    await closed;
  }

  /**
   * Bytes written but not yet compressed and flushed: the writer's backlog. exceljs's StreamBuf
   * pipes the sheet into archiver without honouring backpressure, and archiver's deflate advances
   * only between event-loop turns. A caller that does not wait for this to shrink keeps the whole
   * uncompressed sheet in memory (measured: about 2.7 MB per 1,000 rows of 1,500-character abstracts).
   * NOTE: reads exceljs 4.4 internals (WorksheetWriter.stream and StreamBuf.pipes); if a later
   * version renames them this returns only the file stream's backlog.
   */
  get pendingBytes(): number {
    const piped = this.pipes().reduce((sum, pipe) => sum + (pipe.writableLength ?? pipe._writableState?.length ?? 0), 0);
    return piped + this.stream.writableLength;
  }

  /** Waits until the backlog is at most `maxBytes`, waking on 'drain' or every 50 ms at worst. */
  async waitForBacklog(maxBytes: number): Promise<void> {
    while (this.pendingBytes > maxBytes && !this.error) {
      const waiting = new AbortController();
      const drained = this.pipes().map((pipe) => once(pipe, 'drain', { signal: waiting.signal }).catch(() => undefined));
      await Promise.race([...drained, sleep(50, undefined, { signal: waiting.signal }).catch(() => undefined)]);
      // Removes the listeners and the timer that did not fire.
      waiting.abort();
    }
  }

  private pipes(): PipedStream[] {
    const sheetStream = (this.sheet as unknown as { stream?: { pipes?: PipedStream[] } }).stream;
    return sheetStream?.pipes ?? [];
  }

  private cellValue(column: ExportColumn, value: string | number | null): ExcelJS.CellValue {
    if (value == null) return null;
    if (column.kind === 'date') return isoDateToUtc(String(value)) ?? this.textCell(column, String(value));
    if (column.kind !== 'text') return Number(value);
    return this.textCell(column, String(value));
  }

  private textCell(column: ExportColumn, raw: string): string {
    const cleaned = removeXmlInvalidChars(raw);
    const neutralised = neutraliseFormula(cleaned);
    if (neutralised !== cleaned) this.neutralisedCells += 1;
    if (neutralised.length <= EXCEL_MAX_CELL_CHARS) return neutralised;
    this.truncatedCells += 1;
    if (this.truncated.length < MAX_LISTED_TRUNCATIONS) {
      this.truncated.push({ row: this.rowNumber, column: column.header, originalLength: neutralised.length });
    }
    return truncateText(neutralised);
  }

  private addSummarySheet(name: string, header: string[], widths: number[]): ExcelJS.Worksheet {
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = widths.map((width, index) => ({ key: String(index), width }));
    const row = sheet.addRow(header);
    row.font = BOLD;
    row.commit();
    return sheet;
  }

  private writeCounts(counts: ThemeLevelCount[]): void {
    const t = this.t;
    const header = ['tema_id', 'tema', 'BAIXA', 'MÉDIA', 'ALTA', t('export.sheet.unlabelled'), t('export.sheet.total')];
    const sheet = this.addSummarySheet('Contagens', header, [10, 50, 10, 10, 10, 12, 10]);
    const totals = [0, 0, 0, 0, 0];
    for (const entry of counts) {
      const values = [entry.counts.BAIXA, entry.counts.MEDIA, entry.counts.ALTA, entry.counts.none, entry.total];
      values.forEach((value, index) => (totals[index] += value));
      sheet.addRow([entry.themeSourceId, neutraliseFormula(removeXmlInvalidChars(entry.themeName)), ...values]).commit();
    }
    const totalRow = sheet.addRow([null, t('export.sheet.total'), ...totals]);
    totalRow.font = BOLD;
    totalRow.commit();
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: counts.length + 1, column: header.length } };
    sheet.commit();
  }

  private writeFilters(summary: WorkbookSummary): void {
    const t = this.t;
    const sheet = this.addSummarySheet('Filtros', [t('export.sheet.field'), t('export.sheet.value')], [34, 80]);
    const exported = sheet.addRow([t('export.sheet.exportedAt'), summary.exportedAt]);
    exported.getCell(2).numFmt = 'dd/mm/yyyy hh:mm:ss';
    exported.commit();
    sheet.addRow([t('export.sheet.rows'), summary.rows]).commit();
    sheet.addRow([t('export.sheet.modelVersion'), summary.modelVersion ?? t('export.sheet.noModel')]).commit();
    sheet.addRow([t('export.sheet.truncatedCells'), this.truncatedCells]).commit();
    sheet.addRow([t('export.sheet.neutralisedCells'), this.neutralisedCells]).commit();
    if (summary.filterLines.length === 0) sheet.addRow([t('export.sheet.filter'), t('export.sheet.allPairs')]).commit();
    for (const [label, value] of summary.filterLines) {
      sheet.addRow([neutraliseFormula(label), neutraliseFormula(removeXmlInvalidChars(value))]).commit();
    }
    sheet.commit();
  }

  private writeReadme(): void {
    const t = this.t;
    const sheet = this.addSummarySheet('Leia-me', [t('export.readme.title')], [120]);
    sheet.getColumn(1).alignment = { wrapText: true, vertical: 'top' };
    const lines = [
      t('export.readme.intro'),
      t('export.readme.identifiers'),
      t('export.readme.level'),
      t('export.readme.origin'),
      t('export.readme.probabilities'),
      t('export.readme.formulas', { count: this.neutralisedCells }),
      t('export.readme.cap'),
    ];
    for (const line of lines) sheet.addRow([line]).commit();
    if (this.truncatedCells === 0) {
      sheet.addRow([t('export.readme.noTruncation')]).commit();
    } else {
      sheet.addRow([t('export.readme.truncatedHeader', { count: this.truncatedCells })]).commit();
      for (const cell of this.truncated) {
        sheet.addRow([t('export.readme.truncatedCell', { row: cell.row, column: cell.column, length: cell.originalLength })]).commit();
      }
      if (this.truncatedCells > this.truncated.length) {
        sheet.addRow([t('export.readme.truncatedMore', { count: this.truncatedCells - this.truncated.length })]).commit();
      }
    }
    sheet.commit();
  }
}

function columnStyle(column: ExportColumn): Partial<ExcelJS.Style> {
  if (column.kind === 'date') return { numFmt: DATE_FORMAT };
  if (column.kind === 'decimal') return { numFmt: '0.000' };
  if (column.wrap) return { alignment: { wrapText: true, vertical: 'top' } };
  return { alignment: { vertical: 'top' } };
}
