// Routes of the application itself: what is open, settings, databases and native file dialogs.

import { z } from 'zod';

import { LOCALES, type Locale } from '../../i18n';
import type { Level } from '../../levels';
import { fileHandleSchema, noInput, type FileHandleInfo } from '../common';
import { defineRoute } from '../define';

export const EXECUTION_PROVIDERS = ['auto', 'cpu', 'cuda', 'dml', 'coreml'] as const;
export type ExecutionProviderPreference = (typeof EXECUTION_PROVIDERS)[number];

export interface CorpusCounts {
  theses: number;
  themes: number;
  pairs: number;
  /** Pairs with a current label, per level. */
  labelled: Record<Level, number>;
  unlabelled: number;
  imports: number;
  modelVersions: number;
}

export interface AppInfo {
  version: string;
  /** Absolute path of the open database file, shown in Settings. */
  dbPath: string;
  counts: CorpusCounts;
  locale: Locale;
  transport: 'electron' | 'web';
  /** Execution provider the active encoder session runs on, such as "cpu"; null without an encoder. */
  executionProvider: string | null;
  activeEncoder: string | null;
  activeModelVersion: { id: number; name: string } | null;
}

export interface Settings {
  language: Locale;
  /** Recorded in every label event the curator makes; null until the curator types a name. */
  curatorName: string | null;
  executionProvider: ExecutionProviderPreference;
  /** Threads for inference and training; 0 lets the runtime choose. */
  threads: number;
  /** Folder of installed encoders; null means the default folder in the user-data folder. */
  modelFolder: string | null;
}

export const settingsPatchSchema = z
  .object({
    language: z.enum(LOCALES),
    curatorName: z.string().trim().max(200).nullable(),
    executionProvider: z.enum(EXECUTION_PROVIDERS),
    threads: z.number().int().min(0).max(256),
    /** A folder handle from files.pick({ purpose: 'modelFolder' }), or null for the default folder. */
    modelFolder: fileHandleSchema.nullable(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const FILE_PURPOSES = ['import', 'database', 'databaseNew', 'encoder', 'modelFolder', 'exportFile'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const filesPickSchema = z
  .object({
    /** Decides the dialog: open file(s), open folder or save as, and its file-type filters. */
    purpose: z.enum(FILE_PURPOSES),
    multiple: z.boolean().default(false),
    /** Suggested file name for save dialogs. */
    defaultName: z.string().trim().min(1).max(255).optional(),
  })
  .strict();

export const appRoutes = {
  'app.info': defineRoute<AppInfo>()(noInput),
  'settings.get': defineRoute<Settings>()(noInput),
  'settings.set': defineRoute<Settings>()(settingsPatchSchema),
  /** Opens another database (a handle from files.pick purpose 'database'); returns the new info. */
  'db.open': defineRoute<AppInfo>()(z.object({ handle: fileHandleSchema }).strict(), { transports: ['electron'] }),
  /** Creates an empty database (a handle from files.pick purpose 'databaseNew') and opens it. */
  'db.create': defineRoute<AppInfo>()(z.object({ handle: fileHandleSchema }).strict(), { transports: ['electron'] }),
  /** Shows a native dialog; an empty list means the user cancelled. */
  'files.pick': defineRoute<{ files: FileHandleInfo[] }>()(filesPickSchema, { transports: ['electron'] }),
} as const;
