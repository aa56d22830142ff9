// Entry point of the encoder worker process. It owns the ORT sessions and runs inference away from
// the caller's event loop. Under Node it talks over the child-process IPC channel; in an Electron
// utility process it talks over process.parentPort, whose messages arrive wrapped in `{ data }`.

import { AppError, CancelledError } from '../../shared/errors';
import { Embedder } from './embedder';
import { readModelFolder } from './folder';
import type { FromWorker, ModelRef, ToWorker } from './protocol';
import { SessionPool, type SessionSettings } from './session';

interface ParentPort {
  on(event: 'message', listener: (event: { data: ToWorker }) => void): void;
  postMessage(message: FromWorker): void;
}

// NOTE: only the child-process channel is exercised by the tests; the parentPort path follows
// Electron's utilityProcess documentation and has not been run here.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function send(message: FromWorker): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

const pool = new SessionPool();
const embedders = new Map<string, Embedder>();
const cancels = new Map<number, AbortController>();

async function embedderFor(model: ModelRef, settings: SessionSettings): Promise<Embedder> {
  const key = JSON.stringify([model.dir, model.variant ?? 'default', settings]);
  let embedder = embedders.get(key);
  if (!embedder) {
    const folder = readModelFolder(model.dir, { variant: model.variant, nameHint: model.nameHint });
    embedder = new Embedder(folder, await pool.get(folder.onnxPath, settings));
    embedders.set(key, embedder);
  }
  return embedder;
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'cancel':
      cancels.get(message.id)?.abort();
      return;
    case 'dispose':
      embedders.clear();
      await pool.dispose();
      send({ type: 'disposed', id: message.id });
      return;
    case 'info': {
      const embedder = await embedderFor(message.model, message.session);
      send({ type: 'info', id: message.id, info: embedder.encoderSession.info, dimension: embedder.dimension });
      return;
    }
    case 'embed': {
      const controller = new AbortController();
      cancels.set(message.id, controller);
      try {
        const embedder = await embedderFor(message.model, message.session);
        const vectors = await embedder.embed(message.texts, {
          ...message.options,
          signal: controller.signal,
          onProgress: (done) => send({ type: 'progress', id: message.id, done }),
        });
        const flat = new Float32Array(vectors.length * embedder.dimension);
        vectors.forEach((vector, i) => flat.set(vector, i * embedder.dimension));
        send({ type: 'embedded', id: message.id, vectors: flat, dimension: embedder.dimension, info: embedder.encoderSession.info, timings: embedder.lastTimings });
      } finally {
        cancels.delete(message.id);
      }
      return;
    }
  }
}

function onMessage(message: ToWorker): void {
  handle(message).catch((error: unknown) => {
    const appError = error instanceof AppError ? error : null;
    send({
      type: 'error',
      id: message.id,
      code: error instanceof CancelledError ? 'cancelled' : (appError?.code ?? null),
      message: (error as Error).message,
      params: appError?.params ?? {},
    });
  });
}

if (parentPort) parentPort.on('message', (event) => onMessage(event.data));
else process.on('message', (message) => onMessage(message as ToWorker));

send({ type: 'ready' });
