import { afterEach, describe, expect, it } from 'vitest';

import { openDatabase, schemaVersion } from '../../../src/main/db/connection';
import { appendLabel, labelHistory } from '../../../src/main/db/labels';
import { LATEST_VERSION } from '../../../src/main/db/migrations';
import { openTempDb, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

function seedPair(temp: TempDb): number {
  const { db } = temp;
  db.prepare("INSERT INTO theses (id, source_id, content_hash, title) VALUES (1, 'T1', 'h', 'Título')").run();
  db.prepare("INSERT INTO themes (id, source_id, name) VALUES (1, '10', 'Biodiversidade')").run();
  db.prepare("INSERT INTO pairs (id, thesis_id, theme_id, created_at) VALUES (1, 1, 1, '2026-01-01')").run();
  return 1;
}

describe('migration 0001', () => {
  it('creates the schema in WAL mode', () => {
    temp = openTempDb();
    expect(schemaVersion(temp.db)).toBe(LATEST_VERSION);
    expect(temp.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = temp.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    for (const name of ['imports', 'theses', 'themes', 'pairs', 'label_events', 'model_versions', 'predictions', 'settings']) {
      expect(tables.map((t) => t.name)).toContain(name);
    }
  });

  it('derives the current label from the newest event', () => {
    temp = openTempDb();
    const pairId = seedPair(temp);
    appendLabel(temp.db, { pairId, level: 'BAIXA', source: 'imported' });
    appendLabel(temp.db, { pairId, level: 'ALTA', source: 'curator', curator: 'ana' });
    const pair = temp.db.prepare('SELECT level, level_source FROM pairs WHERE id = ?').get(pairId);
    expect(pair).toEqual({ level: 'ALTA', level_source: 'curator' });
    const history = labelHistory(temp.db, pairId);
    expect(history.map((e) => [e.level, e.previousLevel])).toEqual([
      ['BAIXA', null],
      ['ALTA', 'BAIXA'],
    ]);
  });

  it('keeps label events append-only', () => {
    temp = openTempDb();
    const pairId = seedPair(temp);
    appendLabel(temp.db, { pairId, level: 'MEDIA', source: 'curator' });
    expect(() => temp!.db.prepare("UPDATE label_events SET level = 'ALTA'").run()).toThrow(/append-only/);
    expect(() => temp!.db.prepare('DELETE FROM label_events').run()).toThrow(/append-only/);
  });

  it('allows only one active model version', () => {
    temp = openTempDb();
    const insert = temp.db.prepare(
      "INSERT INTO model_versions (name, created_at, config, parameters, active) VALUES (?, '2026-01-01', '{}', x'00', ?)",
    );
    insert.run('v1', 1);
    expect(() => insert.run('v2', 1)).toThrow(/UNIQUE/);
  });

  it('rejects a database from a newer version', () => {
    temp = openTempDb();
    temp.db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    temp.db.close();
    expect(() => openDatabase(temp!.file)).toThrow(/newer/);
  });
});
