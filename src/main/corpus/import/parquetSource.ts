// Parquet reader on hyparquet: one row group at a time, so memory is bounded by the largest row
// group rather than the file.

import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

import { AppError } from '../../../shared/errors';
import type { FileProbe } from './probe';
import type { SourceRow, TabularSource } from './sources';

function unreadable(probe: FileProbe, error: unknown): AppError {
  const reason = (error as Error).message;
  return new AppError('import_truncated_file', `${probe.fileName} could not be read as parquet: ${reason}`, {
    file: probe.fileName,
    format: 'parquet',
    reason,
  });
}

/** Opens a parquet file. Line numbers count the header as line 1, as in the same data written to CSV. */
export async function openParquetSource(probe: FileProbe): Promise<TabularSource> {
  const file = await asyncBufferFromFile(probe.path);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw unreadable(probe, error);
  }
  const headers = parquetSchema(metadata).children.map((child) => child.element.name);
  const total = Number(metadata.num_rows);
  let done = 0;

  async function* rows(): AsyncGenerator<SourceRow> {
    let rowStart = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      let objects: Record<string, unknown>[];
      try {
        objects = await parquetReadObjects({ file, metadata, compressors, rowStart, rowEnd });
      } catch (error) {
        throw unreadable(probe, error);
      }
      for (let i = 0; i < objects.length; i += 1) {
        done = rowStart + i + 1;
        yield { line: rowStart + i + 2, cells: headers.map((header) => objects[i][header]) };
      }
      rowStart = rowEnd;
    }
  }

  return { headers, unit: 'rows', total, position: () => done, rows: rows(), issues: [], close: () => undefined };
}
