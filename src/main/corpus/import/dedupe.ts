// Duplicate rows inside one file. The challenge data repeats a thesis once per theme and may repeat
// a (thesis, theme) pair. CAPES files repeat an id when a work is reported in two base years; an
// id shared by two different titles means a broken file. Only short digests are kept, so memory
// grows with the number of distinct theses, not with the size of their abstracts.

import { createHash } from 'node:crypto';

import { AppError } from '../../../shared/errors';
import { normaliseForHash } from '../../db/theses';
import type { ColumnMap } from './fields';
import type { ImportKind } from './kinds';
import type { RowOutcome, StagedRecord } from './records';

function digest(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('base64');
}

export class FileDeduper {
  private readonly theses = new Map<string, { line: number; digest: string; title: string }>();
  private readonly themes = new Map<string, { line: number; digest: string }>();
  private readonly pairs = new Map<string, number>();

  constructor(
    private readonly kind: ImportKind,
    private readonly fileName: string,
    private readonly columns: ColumnMap,
  ) {}

  private duplicateId(line: number, firstLine: number, column: string | undefined, id: string): AppError {
    return new AppError(
      'import_duplicate_id',
      `${this.fileName}, line ${line}, column ${column}: id ${id} already appears on line ${firstLine} with a different title`,
      { file: this.fileName, line, column: column ?? '', id, firstLine },
    );
  }

  /** Drops repeated thesis and theme data, skips repeated rows and pairs, throws on conflicting ids. */
  check(record: StagedRecord): RowOutcome {
    const isPairRow = record.thesisKey != null && record.themeKey != null;
    if (record.thesis && record.thesisKey) {
      const seen = this.theses.get(record.thesisKey);
      const current = digest(record.thesis);
      const title = digest(normaliseForHash(record.thesis.title));
      if (!seen) this.theses.set(record.thesisKey, { line: record.line, digest: current, title });
      else if (isPairRow) record.thesis = null;
      else if (seen.digest === current) {
        return { skip: { line: record.line, column: null, reason: 'duplicate_row', detail: String(seen.line) } };
      } else if (seen.title === title) {
        // The same work reported again (another base year): the first row wins.
        return {
          skip: { line: record.line, column: this.columns.header.sourceId ?? null, reason: 'duplicate_id', detail: String(seen.line) },
        };
      } else {
        throw this.duplicateId(record.line, seen.line, this.columns.header.sourceId, record.thesisKey.replace(/^id:/, ''));
      }
    }
    if (record.theme && record.themeKey) {
      const seen = this.themes.get(record.themeKey);
      const current = digest(record.theme);
      if (!seen) this.themes.set(record.themeKey, { line: record.line, digest: current });
      else if (this.kind !== 'themes') record.theme = null;
      else if (seen.digest === current) {
        return { skip: { line: record.line, column: null, reason: 'duplicate_row', detail: String(seen.line) } };
      } else {
        throw this.duplicateId(record.line, seen.line, this.columns.header.themeId, record.themeKey.replace(/^id:/, ''));
      }
    }
    if (isPairRow) {
      const key = `${record.thesisKey}\u0000${record.themeKey}`;
      const firstLine = this.pairs.get(key);
      if (firstLine != null) {
        return { skip: { line: record.line, column: null, reason: 'duplicate_pair', detail: String(firstLine) } };
      }
      this.pairs.set(key, record.line);
    }
    return { record };
  }
}
