// Native file dialogs for files.pick: which dialog each purpose opens and with which filters,
// as plain option objects (testable), and the call that shows them.

import type { BrowserWindow, OpenDialogOptions, SaveDialogOptions } from 'electron';

import type { FilePurpose } from '../../shared/api';
import type { Translate } from '../../shared/i18n';

export type DialogSpec = { kind: 'open'; options: OpenDialogOptions } | { kind: 'save'; options: SaveDialogOptions };

/** Extensions the importers read: CAPES CSV, challenge parquet, spreadsheets, theme catalogues. */
export const IMPORT_EXTENSIONS = ['csv', 'txt', 'parquet', 'xlsx', 'json', 'jsonl', 'zip'];

export function dialogSpec(purpose: FilePurpose, t: Translate, options: { multiple: boolean; defaultName?: string }): DialogSpec {
  switch (purpose) {
    case 'import':
      return {
        kind: 'open',
        options: {
          title: t('dialog.import.title'),
          properties: options.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
          filters: [{ name: t('dialog.filter.all'), extensions: IMPORT_EXTENSIONS }],
        },
      };
    case 'database':
      return {
        kind: 'open',
        options: {
          title: t('dialog.database.title'),
          properties: ['openFile'],
          filters: [{ name: t('dialog.filter.database'), extensions: ['sqlite', 'db'] }],
        },
      };
    case 'databaseNew':
      return {
        kind: 'save',
        options: {
          title: t('dialog.databaseNew.title'),
          defaultPath: options.defaultName ?? 'aderencia.sqlite',
          filters: [{ name: t('dialog.filter.database'), extensions: ['sqlite'] }],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      };
    case 'encoder':
      return { kind: 'open', options: { title: t('dialog.encoder.title'), properties: ['openDirectory'] } };
    case 'modelFolder':
      return { kind: 'open', options: { title: t('dialog.modelFolder.title'), properties: ['openDirectory', 'createDirectory'] } };
    case 'exportFile':
      return {
        kind: 'save',
        options: {
          title: t('dialog.exportFile.title'),
          defaultPath: options.defaultName ?? 'aderencia.xlsx',
          filters: [
            { name: t('dialog.filter.xlsx'), extensions: ['xlsx'] },
            { name: t('dialog.filter.csv'), extensions: ['csv'] },
          ],
          properties: ['createDirectory', 'showOverwriteConfirmation'],
        },
      };
  }
}

/** Shows the dialog for a spec and returns the chosen paths (empty when cancelled). */
export async function showDialog(
  electronDialog: typeof import('electron').dialog,
  window: BrowserWindow | null,
  spec: DialogSpec,
): Promise<string[]> {
  if (spec.kind === 'open') {
    const result = window ? await electronDialog.showOpenDialog(window, spec.options) : await electronDialog.showOpenDialog(spec.options);
    return result.canceled ? [] : result.filePaths;
  }
  const result = window ? await electronDialog.showSaveDialog(window, spec.options) : await electronDialog.showSaveDialog(spec.options);
  return result.canceled || !result.filePath ? [] : [result.filePath];
}
