// Full check of a model folder before it is installed or activated: files present and non-empty,
// the tokenizer loads, ONNX Runtime loads the graph on the CPU, a probe run returns vectors as
// wide as config.json's hidden_size, and the tokenizer's ids fit the embedding table.

import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../shared/errors';
import { Embedder } from './embedder';
import { availableVariants, readModelFolder, type ModelFolder, type ModelVariant } from './folder';
import { createEncoderSession } from './session';

export interface ValidationReport {
  folder: ModelFolder;
  variants: ModelVariant[];
  /** Total bytes of the files in the folder. */
  sizeBytes: number;
  dimension: number;
}

export function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(full) : fs.statSync(full).size;
  }
  return total;
}

export async function validateModel(dir: string, options: { nameHint?: string } = {}): Promise<ValidationReport> {
  const variants = availableVariants(dir);
  const folder = readModelFolder(dir, { variant: variants[0] ?? 'default', nameHint: options.nameHint });
  const configVocab = (JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as { vocab_size?: unknown }).vocab_size;

  let encoderSession;
  try {
    encoderSession = await createEncoderSession(folder.onnxPath, { providers: ['cpu'], intraOpThreads: 1 });
  } catch (error) {
    const reason = error instanceof AppError ? String(error.params.reason ?? error.message) : (error as Error).message;
    throw new AppError('encoder_onnx_invalid', `ONNX Runtime could not load ${folder.onnxPath}: ${reason}`, {
      dir,
      file: path.relative(dir, folder.onnxPath),
      reason,
    }, { cause: error });
  }
  try {
    const embedder = new Embedder(folder, encoderSession);
    const probeIds = embedder.tokenizer.encode('Biodiversidade e inovação na Amazônia');
    const maxId = Math.max(0, ...probeIds, ...embedder.tokenizer.prefix, ...embedder.tokenizer.suffix);
    if (typeof configVocab === 'number' && maxId >= configVocab) {
      throw new AppError('encoder_dimension_mismatch', `tokenizer.json produces id ${maxId}, but config.json has vocab_size ${configVocab}`, {
        dir,
        field: 'vocab_size',
        expected: configVocab,
        found: maxId + 1,
      });
    }
    try {
      await embedder.embed(['Biodiversidade e inovação na Amazônia'], { batchSize: 1 });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('encoder_onnx_invalid', `The probe run of ${folder.onnxPath} failed: ${(error as Error).message}`, {
        dir,
        file: path.relative(dir, folder.onnxPath),
        reason: (error as Error).message,
      }, { cause: error });
    }
    return { folder, variants, sizeBytes: folderSize(dir), dimension: embedder.dimension };
  } finally {
    await encoderSession.session.release();
  }
}
