import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { countEmbeddings } from '../../../src/main/db/embeddings';
import { activate, disposeEncoders, installFromPath } from '../../../src/main/encoders/service';
import { EncoderExtractor, encoderFactory } from '../../../src/main/model/features/encoder';
import type { PairText } from '../../../src/main/model/features/extractor';
import { createExtractor, extractorKinds } from '../../../src/main/model/features/registry';
import { train } from '../../../src/main/model/service';
import { openTempDb, tempDir, type TempDb } from '../../helpers/db';
import { testEncoder } from '../../helpers/encoders';
import { seedSyntheticCorpus } from '../../helpers/pairs';

let home: string;
let previousHome: string | undefined;
let temp: TempDb;

beforeAll(async () => {
  // The model's worker thread finds installed models through ADERENCIA_HOME, as the app does.
  home = tempDir();
  previousHome = process.env.ADERENCIA_HOME;
  process.env.ADERENCIA_HOME = home;
  await installFromPath(testEncoder().dir, { id: 'tiny' });
  temp = openTempDb();
  seedSyntheticCorpus(temp.db, 300);
  activate(temp.db, 'tiny');
});

afterAll(async () => {
  await disposeEncoders();
  temp.cleanup();
  if (previousHome === undefined) delete process.env.ADERENCIA_HOME;
  else process.env.ADERENCIA_HOME = previousHome;
  fs.rmSync(home, { recursive: true, force: true });
});

function pairs(db: TempDb['db']): PairText[] {
  const rows = db.prepare(`
    SELECT p.id AS pairId, t.id AS thesisId, m.id AS themeId, t.title, t.abstract, t.keywords, m.name AS themeName, m.keywords AS themeKeywords
      FROM pairs p JOIN theses t ON t.id = p.thesis_id JOIN themes m ON m.id = p.theme_id ORDER BY p.id LIMIT 40`).all() as (Omit<PairText, 'themeKeywords'> & { themeKeywords: string })[];
  return rows.map((row) => ({
    ...row,
    programme: null, researchLine: null, project: null, concentrationArea: null, grandeArea: null, area: null, macroTheme: null, themeUf: null,
    themeKeywords: JSON.parse(row.themeKeywords) as string[],
  }));
}

describe('encoder extractor', () => {
  it('is registered', () => {
    expect(extractorKinds()).toContain('encoder');
    expect(createExtractor({ kind: 'encoder', config: { modelId: 'tiny' } })).toBeInstanceOf(EncoderExtractor);
  });

  it('writes u, v, u·v, |u − v| and the cosine', async () => {
    const extractor = encoderFactory.create({ modelId: 'tiny' });
    expect(extractor.width).toBe(4 * 32 + 1);
    expect(extractor.columns.at(-1)).toBe('cos');
    const rows = pairs(temp.db);
    await extractor.fit(temp.db, rows, rows.map(() => 0));
    const stride = extractor.width + 3;
    const out = new Float32Array(rows.length * stride);
    await extractor.transform(temp.db, rows, out, 3, stride);
    for (let r = 0; r < rows.length; r += 1) {
      const row = out.subarray(r * stride + 3, (r + 1) * stride);
      const u = row.subarray(0, 32);
      const v = row.subarray(32, 64);
      let dot = 0;
      for (let i = 0; i < 32; i += 1) {
        dot += u[i] * v[i];
        expect(row[64 + i]).toBeCloseTo(u[i] * v[i], 6);
        expect(row[96 + i]).toBeCloseTo(Math.abs(u[i] - v[i]), 6);
      }
      expect(row[128]).toBeCloseTo(dot, 5);
      expect(out[r * stride]).toBe(0);
    }
    const restored = encoderFactory.restore({ modelId: 'tiny' }, extractor.state());
    expect(restored.width).toBe(extractor.width);
  });

  it('trains on encoder plus lexical features', async () => {
    const before = countEmbeddings(temp.db, 'tiny');
    const summary = await train(temp.db, { folds: 2, maxEpochs: 20, seed: 1 });
    expect(summary.active).toBe(true);
    const version = temp.db.prepare('SELECT config, encoder_id FROM model_versions WHERE id = ?').get(summary.versionId) as { config: string; encoder_id: string };
    expect(version.encoder_id).toBe('tiny');
    const kinds = (JSON.parse(version.config) as { extractors: { kind: string }[] }).extractors.map((e) => e.kind);
    expect(kinds).toEqual(['lexical', 'encoder']);
    const after = countEmbeddings(temp.db, 'tiny');
    expect(after).toBeGreaterThan(before);

    // Retraining reads every vector from the cache: with the ONNX graph gone, any encoding would fail.
    const onnx = path.join(home, 'models', 'tiny', 'onnx', 'model.onnx');
    fs.renameSync(onnx, `${onnx}.away`);
    try {
      await train(temp.db, { folds: 2, maxEpochs: 20, seed: 2 });
    } finally {
      fs.renameSync(`${onnx}.away`, onnx);
    }
    expect(countEmbeddings(temp.db, 'tiny')).toBe(after);
  });
});
