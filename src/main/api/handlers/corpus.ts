// Handlers of the corpus routes: import and pairing jobs, corpus counts and import reports.

import { translator } from '../../../shared/i18n';
import type { ImportReport, ImportSummary } from '../../../shared/api';
import { importFileInWorker, pairCorpusInWorker } from '../../corpus/jobs';
import { corpusCounts } from '../../db/counts';
import { getImport, listImports, type ImportRow } from '../../db/imports';
import type { Backend } from '../backend';
import type { Handlers } from '../router';
import { notFound } from './shared';

type CorpusRoutes = 'corpus.import' | 'corpus.pair' | 'corpus.status' | 'imports.list' | 'imports.report';

export function corpusHandlers(backend: Backend): Pick<Handlers, CorpusRoutes> {
  return {
    'corpus.import': (input) => {
      const file = backend.files.resolve(input.handle, 'file');
      // One import lane: two imports never write the corpus at the same time. The import runs in a
      // worker thread so its write transaction does not freeze the window or the web host. In WAL
      // mode backend.db() keeps reading meanwhile and reads the new rows once the job resolves.
      return backend.jobs.start('import', async ({ onProgress, signal }) => {
        const { kind, pair, maxNewPairs } = input;
        const result = await importFileInWorker(backend.db(), file, { kind, pair, maxNewPairs, onProgress, signal });
        backend.emit({ type: 'data.changed', reason: 'import' });
        const skipped = result.pairing?.skipped ?? null;
        return {
          importId: result.importId,
          kind: result.kind,
          rowsRead: result.rowsRead,
          rowsImported: result.imported,
          rowsSkipped: result.skipped,
          pairsCreated: result.pairs.created + (result.pairing?.created ?? 0),
          // Set when the pairing was skipped over the limit, so the import screen offers to run it.
          pairsWouldCreate: skipped?.wouldCreate ?? null,
          pairingLimit: skipped?.limit ?? null,
          nationalThemes: skipped?.nationalThemes ?? null,
        };
      });
    },
    // In the imports' lane, because a pairing and an import must not write the corpus at once.
    'corpus.pair': (input) =>
      backend.jobs.start(
        'pairing',
        async ({ onProgress, signal }) => {
          const result = await pairCorpusInWorker(backend.db(), { maxNewPairs: input.maxNewPairs, onProgress, signal });
          backend.emit({ type: 'data.changed', reason: 'pairing' });
          return { pairsCreated: result.created };
        },
        { lane: 'import' },
      ),
    'corpus.status': () => {
      const counts = corpusCounts(backend.db());
      return { ...counts, empty: counts.theses === 0 && counts.themes === 0 };
    },
    'imports.list': () => listImports(backend.db()).map(toSummary),
    'imports.report': (input, request) => {
      const row = getImport(backend.db(), input.importId) ?? notFound('import', input.importId);
      const t = translator(request.locale);
      const report: ImportReport = {
        ...toSummary(row),
        skipped: row.skipped.slice(input.offset, input.offset + input.limit).map((issue) => ({
          line: issue.line,
          column: issue.column,
          reason: issue.reason,
          message: t(`import.reason.${issue.reason}`, { defaultValue: issue.reason, column: issue.column ?? '', detail: issue.detail ?? '' }),
          detail: issue.detail ?? null,
        })),
      };
      return report;
    },
  };
}

function toSummary(row: ImportRow): ImportSummary {
  return {
    importId: row.id,
    fileName: row.fileName,
    fileSize: row.fileSize,
    kind: row.kind,
    rowsRead: row.rowsRead,
    rowsImported: row.rowsImported,
    rowsSkipped: row.rowsSkipped,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
