// Staging area for one import: parsed rows wait in a private SQLite file in the temp folder until
// the whole file has been read and checked. Only then are they written to the corpus, in one
// synchronous transaction, so a failure at any point leaves the corpus untouched and memory stays
// bounded by a batch, not by the file.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';

import type { StagedRecord } from './records';

const BATCH = 2000;

export class Stage {
  private readonly dir: string;
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private pending: StagedRecord[] = [];
  private count = 0;

  constructor() {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-import-'));
    this.db = new Database(path.join(this.dir, 'stage.sqlite'));
    // The stage is thrown away on any failure, so durability buys nothing here.
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec('CREATE TABLE records (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)');
    this.insert = this.db.prepare('INSERT INTO records (data) VALUES (?)');
  }

  get size(): number {
    return this.count + this.pending.length;
  }

  add(record: StagedRecord): void {
    this.pending.push(record);
    if (this.pending.length >= BATCH) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const row of rows) this.insert.run(JSON.stringify(row));
    })();
    this.count += rows.length;
  }

  /** Staged records in file order. Call flush() first. */
  *records(): Generator<StagedRecord> {
    for (const row of this.db.prepare('SELECT data FROM records ORDER BY seq').iterate() as Iterable<{ data: string }>) {
      yield JSON.parse(row.data) as StagedRecord;
    }
  }

  dispose(): void {
    if (this.db.open) this.db.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
