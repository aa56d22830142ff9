import { afterEach, describe, expect, it } from 'vitest';

import { openDatabase, schemaVersion } from '../../../src/main/db/connection';
import { countEmbeddings, getEmbeddings, missingHashes, putEmbeddings, textKey } from '../../../src/main/db/embeddings';
import { openTempDb, type TempDb } from '../../helpers/db';

let temp: TempDb | undefined;
afterEach(() => temp?.cleanup());

describe('migration 0002', () => {
  it('adds the embeddings table to a version 1 database', () => {
    temp = openTempDb({ migrateTo: 1 });
    expect(schemaVersion(temp.db)).toBe(1);
    temp.db.close();
    const db = openDatabase(temp.file, { migrateTo: 2 });
    expect(schemaVersion(db)).toBe(2);
    const columns = (db.prepare('PRAGMA table_info(embeddings)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['model_id', 'text_hash', 'dimension', 'vector', 'created_at']);
    db.close();
  });

  it('rejects a vector whose length disagrees with its dimension', () => {
    temp = openTempDb();
    const insert = temp.db.prepare("INSERT INTO embeddings VALUES ('m', 'h', 3, ?, '2026-01-01')");
    expect(() => insert.run(Buffer.alloc(8))).toThrow(/CHECK/);
    expect(() => insert.run(Buffer.alloc(12))).not.toThrow();
  });
});

describe('embedding repository', () => {
  it('round-trips vectors and finds missing hashes', () => {
    temp = openTempDb();
    const a = textKey({ role: 'passage', settings: 's', text: 'a' });
    const b = textKey({ role: 'passage', settings: 's', text: 'b' });
    expect(textKey({ role: 'query', settings: 's', text: 'a' })).not.toBe(a);
    putEmbeddings(temp.db, 'model', [{ hash: a, vector: new Float32Array([0.5, -1.25, 3]) }]);
    expect(missingHashes(temp.db, 'model', [a, b, b])).toEqual([b]);
    expect(missingHashes(temp.db, 'other', [a])).toEqual([a]);
    expect([...getEmbeddings(temp.db, 'model', [a]).get(a)!]).toEqual([0.5, -1.25, 3]);
    expect(countEmbeddings(temp.db, 'model')).toBe(1);
  });

  it('pages lookups past the parameter limit', () => {
    temp = openTempDb();
    const hashes = Array.from({ length: 1200 }, (_, i) => textKey({ role: 'r', settings: 's', text: String(i) }));
    putEmbeddings(temp.db, 'model', hashes.slice(0, 1100).map((hash) => ({ hash, vector: new Float32Array([1]) })));
    expect(missingHashes(temp.db, 'model', hashes)).toEqual(hashes.slice(1100));
    expect(getEmbeddings(temp.db, 'model', hashes).size).toBe(1100);
  });
});
