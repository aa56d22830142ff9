import { afterEach, describe, expect, it } from 'vitest';

import { migrate, schemaVersion } from '../../../src/main/db/connection';
import { openTempDb, snapshot, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('migration 0004', () => {
  it('adds cv_predictions and keeps existing rows', () => {
    temp = openTempDb({ migrateTo: 3 });
    const { db } = temp;
    db.prepare("INSERT INTO theses (id, source_id, content_hash, title) VALUES (1, 'T1', 'h', 'Título')").run();
    db.prepare("INSERT INTO themes (id, source_id, name) VALUES (1, '10', 'Biodiversidade')").run();
    db.prepare("INSERT INTO pairs (id, thesis_id, theme_id, created_at) VALUES (1, 1, 1, '2026-01-01')").run();
    db.prepare("INSERT INTO model_versions (id, name, created_at, config, parameters) VALUES (1, 'v1', '2026-01-01', '{}', x'00')").run();
    const before = snapshot(db);

    migrate(db, temp.file, 4);
    expect(schemaVersion(db)).toBe(4);
    const after = snapshot(db);
    expect(after.cv_predictions).toEqual([]);
    delete after.cv_predictions;
    expect(after).toEqual(before);

    db.prepare("INSERT INTO cv_predictions VALUES (1, 1, 'ALTA', 0, 0.1, 0.2, 0.7)").run();
    expect(() => db.prepare("INSERT INTO cv_predictions VALUES (1, 1, 'ALTA', 0, 0.1, 0.2, 0.7)").run()).toThrow(/UNIQUE|PRIMARY/);
    expect(() => db.prepare("INSERT INTO cv_predictions VALUES (1, 1, 'HIGH', 0, 0.1, 0.2, 0.7)").run()).toThrow(/CHECK/);
  });
});
