// Opens the SQLite database with the settings every caller needs and brings its schema up to date.

import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { AppError } from '../../shared/errors';
import { createLogger } from '../log';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

const log = createLogger('db');

export interface OpenOptions {
  /** Apply migrations up to this version only (migration tests); the latest by default. */
  migrateTo?: number;
  readonly?: boolean;
  /** Path of a better_sqlite3.node built for another runtime (the Electron build); default $ADERENCIA_NATIVE_BINDING. */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the database at `file`, in WAL mode with foreign keys on, and applies
 * pending migrations. ':memory:' works for tests.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
    // ADERENCIA_NATIVE_BINDING reaches worker threads too, which open the database themselves.
    const nativeBinding = options.nativeBinding ?? process.env.ADERENCIA_NATIVE_BINDING;
    db = new Database(file, { readonly: options.readonly ?? false, nativeBinding });
  } catch (error) {
    throw new AppError('db_open_failed', `Could not open database ${file}: ${(error as Error).message}`, {
      file,
      reason: (error as Error).message,
    }, { cause: error });
  }
  try {
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) migrate(db, file, options.migrateTo ?? LATEST_VERSION);
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError('db_open_failed', `Could not open database ${file}: ${(error as Error).message}`, {
      file,
      reason: (error as Error).message,
    }, { cause: error });
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration above the current user_version up to `target`, each in its own transaction. */
export function migrate(db: Db, file: string, target: number = LATEST_VERSION): void {
  const current = schemaVersion(db);
  if (current > LATEST_VERSION) {
    throw new AppError('db_newer_schema', `Database ${file} has schema ${current}, newer than ${LATEST_VERSION}`, {
      file,
      found: current,
      known: LATEST_VERSION,
    });
  }
  const pending = MIGRATIONS.filter((m) => m.version > current && m.version <= target);
  for (const migration of pending) applyMigration(db, migration);
}

function applyMigration(db: Db, migration: Migration): void {
  const run = db.transaction(() => {
    db.exec(migration.up);
    db.pragma(`user_version = ${migration.version}`);
  });
  run();
  log.info(`applied migration ${migration.version} (${migration.name})`);
}

/** Current time as an ISO 8601 string, the one timestamp format of the database. */
export function nowIso(): string {
  return new Date().toISOString();
}
