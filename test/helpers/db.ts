// Temporary on-disk databases for tests: a real SQLite file in a fresh temp folder, removed after.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach } from 'vitest';

import { openDatabase, type Db, type OpenOptions } from '../../src/main/db/connection';

export interface TempDb {
  db: Db;
  file: string;
  dir: string;
  cleanup: () => void;
}

export function tempDir(prefix = 'aderencia-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTempDb(options: OpenOptions = {}): TempDb {
  const dir = tempDir();
  const file = path.join(dir, 'test.sqlite');
  const db = openDatabase(file, options);
  return {
    db,
    file,
    dir,
    cleanup: () => {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Returns a factory of temporary databases that are all removed after each test. Call it at the top
 * level of a test file.
 */
export function useTempDbs(): () => TempDb {
  let temps: TempDb[] = [];
  afterEach(() => {
    for (const temp of temps) temp.cleanup();
    temps = [];
  });
  return () => {
    const temp = openTempDb();
    temps.push(temp);
    return temp;
  };
}

/** Every row of every user table, for "the database is exactly as it was" checks. */
export function snapshot(db: Db): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, unknown[]> = {};
  for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}"`).all();
  return out;
}
