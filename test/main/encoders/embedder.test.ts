import { afterAll, describe, expect, it } from 'vitest';

import { Embedder, poolRows } from '../../../src/main/encoders/embedder';
import { readModelFolder } from '../../../src/main/encoders/folder';
import { createEncoderSession, cudaProviderInstalled, defaultProviders, SessionPool, type EncoderSession } from '../../../src/main/encoders/session';
import { testEncoder } from '../../helpers/encoders';

const sessions: EncoderSession[] = [];
afterAll(async () => {
  for (const s of sessions) await s.session.release();
});

async function embedderFor(options: Parameters<typeof testEncoder>[0] = {}): Promise<Embedder> {
  const folder = readModelFolder(testEncoder(options).dir);
  const session = await createEncoderSession(folder.onnxPath, { providers: ['cpu'], intraOpThreads: 1 });
  sessions.push(session);
  return new Embedder(folder, session);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i += 1) dot += a[i] * b[i];
  return dot;
}

const TEXTS = [
  'Biodiversidade da Amazônia',
  'Mudanças climáticas e agricultura familiar no semiárido nordestino',
  'Saúde',
  'Ensino de matemática na educação básica com tecnologias digitais e formação de professores',
];

describe('Embedder', () => {
  it('gives the same vectors batched and one by one', async () => {
    const embedder = await embedderFor();
    const batched = await embedder.embed(TEXTS, { batchSize: 4 });
    for (let i = 0; i < TEXTS.length; i += 1) {
      const [single] = await embedder.embed([TEXTS[i]], { batchSize: 1 });
      expect(cosine(batched[i], single)).toBeGreaterThan(1 - 1e-5);
    }
  });

  it('returns unit vectors in input order', async () => {
    const embedder = await embedderFor();
    const vectors = await embedder.embed(TEXTS, { batchSize: 2 });
    expect(vectors).toHaveLength(TEXTS.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(32);
      expect(Math.sqrt(cosine(vector, vector))).toBeCloseTo(1, 5);
    }
    const reversed = await embedder.embed([...TEXTS].reverse(), { batchSize: 2 });
    expect(cosine(vectors[0], reversed[3])).toBeGreaterThan(1 - 1e-5);
  });

  it('applies the role prompt', async () => {
    const embedder = await embedderFor({ prompts: { query: 'query: ', passage: 'passage: ' } });
    expect(embedder.folder.prompts).toEqual({ query: 'query: ', passage: 'passage: ' });
    const [query] = await embedder.embed(['Saúde pública'], { role: 'query' });
    const [passage] = await embedder.embed(['Saúde pública'], { role: 'passage' });
    expect(cosine(query, passage)).toBeLessThan(1 - 1e-4);
  });

  it('chunks long texts and pools chunks', async () => {
    const embedder = await embedderFor();
    const long = Array.from({ length: 40 }, (_, i) => `frase ${i} sobre biodiversidade, clima e saúde pública.`).join(' ');
    const chunks = embedder.tokenizer.chunk(long, 32, 100);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.ids.length).toBeLessThanOrEqual(32);
    expect(embedder.tokenizer.chunk(long, 32, 2)).toHaveLength(2);
    const [mean] = await embedder.embed([long], { maxLength: 32, chunkPooling: 'mean', maxChunks: 100 });
    const [max] = await embedder.embed([long], { maxLength: 32, chunkPooling: 'max', maxChunks: 100 });
    const [truncated] = await embedder.embed([long], { maxLength: 32, maxChunks: 1 });
    expect(cosine(mean, max)).toBeLessThan(1 - 1e-4);
    expect(cosine(mean, truncated)).toBeLessThan(1 - 1e-4);
  });

  it('pools with CLS when the pooling config says so', async () => {
    const embedder = await embedderFor({ pooling: 'cls' });
    expect(embedder.folder.pooling).toBe('cls');
    const hidden = new Float32Array([1, 2, 3, 4, 100, 100]);
    expect([...poolRows(hidden, [2], 3, 2, 'cls')]).toEqual([1, 2]);
    expect([...poolRows(hidden, [2], 3, 2, 'mean')]).toEqual([2, 3]);
  });

  it('embeds empty text', async () => {
    const embedder = await embedderFor();
    const [vector] = await embedder.embed(['']);
    expect(Number.isFinite(vector[0])).toBe(true);
  });

  it('stops when the signal fires', async () => {
    const embedder = await embedderFor();
    const controller = new AbortController();
    controller.abort();
    await expect(embedder.embed(TEXTS, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('execution providers', () => {
  it('orders providers per platform', () => {
    expect(defaultProviders('linux').at(-1)).toBe('cpu');
    expect(defaultProviders('linux')).not.toContain('dml');
    expect(defaultProviders('win32')).not.toContain('cuda');
    expect(defaultProviders('darwin', 'arm64')).toContain('coreml');
    expect(defaultProviders('darwin', 'arm64')).not.toContain('dml');
  });

  it('skips CUDA without its provider library', () => {
    // The offline install (ONNXRUNTIME_NODE_INSTALL=skip) leaves the CUDA provider out; no
    // onnxruntime-node build exists for riscv64, so that folder never has it.
    expect(cudaProviderInstalled('linux', 'riscv64')).toBe(false);
    expect(defaultProviders('linux', 'riscv64')).not.toContain('cuda');
    expect(defaultProviders('linux', 'x64').includes('cuda')).toBe(cudaProviderInstalled('linux', 'x64'));
  });

  it('falls back past a provider that fails to load', async () => {
    const folder = readModelFolder(testEncoder().dir);
    const session = await createEncoderSession(folder.onnxPath, { providers: ['cuda', 'cpu'], intraOpThreads: 1 });
    sessions.push(session);
    // This machine has no CUDA libraries, so the first attempt fails and the CPU takes over.
    expect(session.info.attempts[0]).toMatchObject({ provider: 'cuda', ok: false });
    expect(session.info.provider).toBe('cpu');
  });

  it('rejects GPU only when no GPU provider loads', async () => {
    const folder = readModelFolder(testEncoder().dir);
    await expect(createEncoderSession(folder.onnxPath, { providers: ['cuda', 'cpu'], gpuOnly: true })).rejects.toMatchObject({ code: 'encoder_gpu_unavailable' });
  });

  it('reads node placement from a profile', async () => {
    const folder = readModelFolder(testEncoder().dir);
    const session = await createEncoderSession(folder.onnxPath, { providers: ['cpu'], intraOpThreads: 1, placement: 'always' });
    sessions.push(session);
    expect(Object.keys(session.info.placement)).toEqual(['CPUExecutionProvider']);
    expect(session.info.placement.CPUExecutionProvider).toBeGreaterThan(10);
  });

  it('shares one session per file and settings', async () => {
    const pool = new SessionPool();
    const folder = readModelFolder(testEncoder().dir);
    const first = await pool.get(folder.onnxPath, { providers: ['cpu'] });
    const second = await pool.get(folder.onnxPath, { providers: ['cpu'] });
    expect(second).toBe(first);
    await pool.get(folder.onnxPath, { providers: ['cpu'], intraOpThreads: 1 });
    expect(pool.size).toBe(2);
    await pool.dispose();
    expect(pool.size).toBe(0);
  });
});
