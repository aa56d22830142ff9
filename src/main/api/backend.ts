// Everything the API serves from, shared by the Electron window and the loopback web host: the
// open database, the job manager, the file-handle registry, event fan-out and the router built
// over the handlers. One backend per process; switching databases happens inside it.

import fs from 'node:fs';
import path from 'node:path';

import type { ApiEvent, ApiEventListener, ParsedInput } from '../../shared/api';
import { parseLocale, type Locale } from '../../shared/i18n';
import { openDatabase, type Db } from '../db/connection';
import { getSetting } from '../db/settings';
import { createLogger } from '../log';
import { FileRegistry } from './files';
import { createHandlers } from './handlers';
import { JobManager } from './jobs';
import { createRouter, type Router } from './router';
import type { SenderPolicy } from './senders';

const log = createLogger('backend');

/** Services only the Electron shell has: native dialogs and the system file manager. */
export interface DesktopHooks {
  /** Shows the dialog for a purpose; returns the chosen paths, empty when cancelled. */
  pickFiles(input: ParsedInput<'files.pick'>, locale: Locale): Promise<string[]>;
  showItemInFolder(file: string): void;
}

export interface BackendOptions {
  dbPath: string;
  /** Application version shown in app.info. */
  version: string;
  /** Folder the app owns for exports and uploads (the user-data folder in the app). */
  dataDir: string;
  /** Electron-ABI better_sqlite3.node for the desktop app; the Node build is used without it. */
  nativeBinding?: string;
  desktop?: DesktopHooks;
  /** Locale used until the database has a language setting; pt-BR by default. */
  defaultLocale?: Locale;
}

export class Backend {
  readonly jobs: JobManager;
  readonly files = new FileRegistry();
  private readonly listeners = new Set<ApiEventListener>();
  private database: Db;
  private currentPath: string;

  constructor(readonly options: BackendOptions) {
    this.currentPath = path.resolve(options.dbPath);
    this.database = this.open(this.currentPath);
    this.jobs = new JobManager((event) => this.emit(event), () => this.locale());
    fs.mkdirSync(this.exportsDir, { recursive: true });
  }

  get dbPath(): string {
    return this.currentPath;
  }

  get exportsDir(): string {
    return path.join(this.options.dataDir, 'exports');
  }

  get uploadsDir(): string {
    return path.join(this.options.dataDir, 'uploads');
  }

  db(): Db {
    return this.database;
  }

  /** Language of messages: the database's setting, else the configured default. */
  locale(): Locale {
    try {
      return getSetting(this.database, 'language');
    } catch {
      return this.options.defaultLocale ?? parseLocale('pt-BR')!;
    }
  }

  /**
   * Closes the open database and opens another (created when missing). Waits for running jobs to
   * stop first, because they write to the database being closed.
   */
  async switchDatabase(file: string): Promise<void> {
    const target = path.resolve(file);
    const next = this.open(target);
    await this.jobs.shutdown();
    this.database.close();
    this.database = next;
    this.currentPath = target;
    log.info('switched database');
    this.emit({ type: 'data.changed', reason: 'db.opened' });
  }

  emit(event: ApiEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        log.warn('event listener failed', error);
      }
    }
  }

  onEvent(listener: ApiEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Builds a router for one transport; the sender policy decides who may call it. */
  router(authorize: SenderPolicy): Router {
    return createRouter({ handlers: createHandlers(this), authorize, locale: () => this.locale() });
  }

  /**
   * Stops every job, closes the database and deletes the uploaded files. Upload handles die with
   * the process, so nothing can refer to those files again. The backend is unusable afterwards.
   */
  async close(): Promise<void> {
    await this.jobs.shutdown();
    this.files.clear();
    this.listeners.clear();
    if (this.database.open) this.database.close();
    fs.rmSync(this.uploadsDir, { recursive: true, force: true });
    log.info('backend closed');
  }

  private open(file: string): Db {
    return openDatabase(file, { nativeBinding: this.options.nativeBinding });
  }
}
