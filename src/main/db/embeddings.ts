// Repository of the embedding cache: vectors keyed by (model id, text hash). Writers commit one
// batch per transaction, so an interrupted encoding run keeps every finished batch and resumes by
// asking which hashes are still missing.

import { createHash } from 'node:crypto';

import { nowIso, type Db } from './connection';

export interface TextKeyParts {
  role: string;
  /** Settings that change the vector for the same text, such as chunk pooling and maximum length. */
  settings: string;
  text: string;
}

/** sha256 (hex) of the parts joined with NUL, so no text can collide with another role or setting. */
export function textKey(parts: TextKeyParts): string {
  return createHash('sha256').update(`${parts.role}\u0000${parts.settings}\u0000${parts.text}`, 'utf8').digest('hex');
}

function toBlob(vector: Float32Array): Buffer {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
}

function fromBlob(blob: Buffer, dimension: number): Float32Array {
  // Copy into an aligned buffer: a Buffer slice may start at an offset that is not a multiple of 4.
  const out = new Float32Array(dimension);
  new Uint8Array(out.buffer).set(blob.subarray(0, dimension * 4));
  return out;
}

/** SQLite's default limit on bound parameters is 32766; a smaller page keeps statements short. */
const LOOKUP_PAGE = 500;

/** Returns the hashes that have no vector for the model yet, in input order, without duplicates. */
export function missingHashes(db: Db, modelId: string, hashes: readonly string[]): string[] {
  const unique = [...new Set(hashes)];
  const present = new Set<string>();
  for (let start = 0; start < unique.length; start += LOOKUP_PAGE) {
    const page = unique.slice(start, start + LOOKUP_PAGE);
    const rows = db
      .prepare(`SELECT text_hash FROM embeddings WHERE model_id = ? AND text_hash IN (${page.map(() => '?').join(',')})`)
      .all(modelId, ...page) as { text_hash: string }[];
    for (const row of rows) present.add(row.text_hash);
  }
  return unique.filter((hash) => !present.has(hash));
}

/** Loads the cached vectors of the hashes that have one. */
export function getEmbeddings(db: Db, modelId: string, hashes: readonly string[]): Map<string, Float32Array> {
  const unique = [...new Set(hashes)];
  const out = new Map<string, Float32Array>();
  for (let start = 0; start < unique.length; start += LOOKUP_PAGE) {
    const page = unique.slice(start, start + LOOKUP_PAGE);
    const rows = db
      .prepare(`SELECT text_hash, dimension, vector FROM embeddings WHERE model_id = ? AND text_hash IN (${page.map(() => '?').join(',')})`)
      .all(modelId, ...page) as { text_hash: string; dimension: number; vector: Buffer }[];
    for (const row of rows) out.set(row.text_hash, fromBlob(row.vector, row.dimension));
  }
  return out;
}

/** Stores one batch of vectors in a single transaction; an existing (model, hash) keeps its vector. */
export function putEmbeddings(db: Db, modelId: string, entries: readonly { hash: string; vector: Float32Array }[]): void {
  const insert = db.prepare('INSERT OR IGNORE INTO embeddings (model_id, text_hash, dimension, vector, created_at) VALUES (?, ?, ?, ?, ?)');
  const createdAt = nowIso();
  db.transaction(() => {
    for (const entry of entries) insert.run(modelId, entry.hash, entry.vector.length, toBlob(entry.vector), createdAt);
  })();
}

export function countEmbeddings(db: Db, modelId?: string): number {
  const row = (modelId == null
    ? db.prepare('SELECT COUNT(*) AS n FROM embeddings').get()
    : db.prepare('SELECT COUNT(*) AS n FROM embeddings WHERE model_id = ?').get(modelId)) as { n: number };
  return row.n;
}

export function deleteEmbeddings(db: Db, modelId: string): number {
  return db.prepare('DELETE FROM embeddings WHERE model_id = ?').run(modelId).changes;
}
