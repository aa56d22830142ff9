// Handlers of the Export routes. An export runs as a job in its own lane. Without a save-as handle
// the file goes to the app's exports folder under a dated name, never over an existing file.

import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../../shared/errors';
import { exportPairs } from '../../corpus/export/service';
import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { notFound } from './shared';

export function exportHandlers(backend: Backend): Pick<Handlers, 'export.run' | 'export.openFolder'> {
  return {
    'export.run': (input, request) => {
      const file = input.destination
        ? backend.files.resolve(input.destination, 'new-file')
        : defaultExportFile(backend.exportsDir, input.format);
      return backend.jobs.start('export', async ({ jobId, onProgress, signal }) => {
        const result = await exportPairs(
          backend.db(),
          {
            file,
            format: input.format,
            csvVariant: input.csvVariant,
            filter: input.filter,
            sort: input.sort,
            locale: request.locale,
            columns: input.options,
            summarySheet: input.options.summarySheet,
          },
          { jobId, onProgress, signal },
        );
        return {
          file: result.file,
          fileName: path.basename(result.file),
          format: result.format,
          rows: result.rows,
          truncatedCells: result.truncatedCells,
        };
      });
    },
    'export.openFolder': (input) => {
      const job = backend.jobs.get(input.jobId) ?? notFound('job', input.jobId);
      const file = typeof job.result?.file === 'string' ? job.result.file : null;
      if (job.kind !== 'export' || job.state !== 'done' || !file) {
        throw new AppError('export_not_finished', `Job ${input.jobId} is not a finished export`, { id: input.jobId });
      }
      if (!fs.existsSync(file)) throw new AppError('file_not_found', `File not found: ${file}`, { file: path.basename(file) });
      backend.options.desktop?.showItemInFolder(file);
      return { opened: backend.options.desktop != null };
    },
  };
}

/** aderencia-2026-12-04-1530.xlsx, with -2, -3… when that name exists. */
export function defaultExportFile(folder: string, format: string, now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('export_write_failed', `Could not create the exports folder ${folder}: ${reason}`, { file: folder, reason }, { cause: error });
  }
  let candidate = path.join(folder, `aderencia-${stamp}.${format}`);
  for (let counter = 2; fs.existsSync(candidate); counter += 1) {
    candidate = path.join(folder, `aderencia-${stamp}-${counter}.${format}`);
  }
  return candidate;
}
