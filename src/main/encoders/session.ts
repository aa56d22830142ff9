// ONNX Runtime sessions with execution providers tried one at a time. ORT throws when a provider's
// libraries are missing instead of falling back, so each candidate gets its own create attempt,
// and the provider that actually runs the nodes is read back from a profiling run (node placement),
// because ORT silently assigns unsupported nodes to the CPU provider. Sessions are created lazily,
// shared per (file, settings) and disposed explicitly.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import * as ort from 'onnxruntime-node';

import { AppError } from '../../shared/errors';
import { createLogger } from '../log';

const log = createLogger('encoders.session');

export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

export interface SessionSettings {
  /** Providers to try in order; the platform's default order when absent. */
  providers?: ProviderName[];
  /** Fail instead of running on the CPU, and forbid CPU fallback for individual nodes. */
  gpuOnly?: boolean;
  /** Threads inside one operator; defaults to the machine's available parallelism. */
  intraOpThreads?: number;
  /** Profile a warm-up run to read node placement: 'auto' does it for GPU providers only. */
  placement?: 'auto' | 'always' | 'never';
}

export interface ProviderAttempt {
  provider: ProviderName;
  ok: boolean;
  error?: string;
}

export interface SessionInfo {
  /** The provider the session was created with. */
  provider: ProviderName;
  /** Nodes per ORT provider name, from a profiled warm-up run; empty when profiling failed. */
  placement: Record<string, number>;
  attempts: ProviderAttempt[];
  intraOpThreads: number;
}

export interface EncoderSession {
  session: ort.InferenceSession;
  info: SessionInfo;
  inputNames: readonly string[];
}

/** Returns the GPU providers worth trying on a platform, best first, with CPU always last. */
export function defaultProviders(platform: NodeJS.Platform = process.platform, arch: string = process.arch): ProviderName[] {
  const supported = new Set(supportedBackends());
  const order: ProviderName[] =
    platform === 'linux' ? ['cuda', 'webgpu'] : platform === 'win32' ? ['dml', 'webgpu'] : platform === 'darwin' ? ['coreml', 'webgpu'] : [];
  // NOTE: on darwin/x64 the ORT package ships no CoreML provider, so the binding's list decides.
  const available = order.filter((name) => supported.size === 0 || supported.has(name) || (name === 'coreml' && platform === 'darwin' && arch === 'arm64'));
  // Without its provider library every CUDA attempt fails and ORT prints a load error to stderr.
  return [...available.filter((name) => name !== 'cuda' || cudaProviderInstalled(platform, arch)), 'cpu'];
}

/**
 * Checks whether onnxruntime-node's install put the CUDA provider library beside its binding
 * (`bin/napi-v6/<platform>/<arch>/libonnxruntime_providers_cuda.so`, where its install script
 * writes it). The offline install skips it. Returns true when the package cannot be located, so
 * ORT decides.
 */
export function cudaProviderInstalled(platform: NodeJS.Platform = process.platform, arch: string = process.arch): boolean {
  let packageDir: string;
  try {
    packageDir = path.dirname(path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node')));
  } catch {
    return true;
  }
  return fs.existsSync(path.join(packageDir, 'bin', 'napi-v6', platform, arch, 'libonnxruntime_providers_cuda.so'));
}

/** Backend names the installed onnxruntime-node binding reports, such as cpu, webgpu, cuda. */
export function supportedBackends(): string[] {
  try {
    return ort.listSupportedBackends().map((backend) => backend.name);
  } catch {
    return [];
  }
}

export function defaultIntraOpThreads(): number {
  return Math.max(1, os.availableParallelism());
}

function sessionOptions(provider: ProviderName, settings: SessionSettings, profilePrefix?: string): ort.InferenceSession.SessionOptions {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [provider],
    graphOptimizationLevel: 'all',
    // One request runs at a time per session, so threads go inside operators, not across them.
    executionMode: 'sequential',
    intraOpNumThreads: settings.intraOpThreads ?? defaultIntraOpThreads(),
    interOpNumThreads: 1,
  };
  if (settings.gpuOnly && provider !== 'cpu') {
    options.extra = { session: { disable_cpu_ep_fallback: '1' } };
  }
  if (profilePrefix) {
    options.enableProfiling = true;
    options.profileFilePrefix = profilePrefix;
  }
  return options;
}

/** Counts nodes per provider in an ORT profile (Chrome trace JSON). */
export function placementFromProfile(file: string): Record<string, number> {
  const events = JSON.parse(fs.readFileSync(file, 'utf8')) as { cat?: string; name?: string; args?: { provider?: string } }[];
  const seen = new Map<string, string>();
  for (const event of events) {
    if (event.cat !== 'Node' || !event.args?.provider || !event.name) continue;
    seen.set(event.name.replace(/_(kernel_time|fence_before|fence_after)$/, ''), event.args.provider);
  }
  const counts: Record<string, number> = {};
  for (const provider of seen.values()) counts[provider] = (counts[provider] ?? 0) + 1;
  return counts;
}

/** Runs one small input with profiling on and reads where the nodes ran. */
async function profilePlacement(onnxPath: string, provider: ProviderName, settings: SessionSettings, feeds: (session: ort.InferenceSession) => Record<string, ort.Tensor>): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aderencia-ort-profile-'));
  try {
    const session = await ort.InferenceSession.create(onnxPath, sessionOptions(provider, settings, path.join(dir, 'profile')));
    try {
      await session.run(feeds(session));
      session.endProfiling();
    } finally {
      await session.release();
    }
    const file = fs.readdirSync(dir).find((name) => name.endsWith('.json'));
    return file ? placementFromProfile(path.join(dir, file)) : {};
  } catch (error) {
    log.warn(`profiling ${provider} for node placement failed: ${(error as Error).message}`);
    return {};
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A one-row, four-token input for every int64 input the graph declares. */
export function probeFeeds(session: ort.InferenceSession): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const name of session.inputNames) {
    const data = name === 'attention_mask' ? [1n, 1n, 1n, 1n] : name === 'input_ids' ? [1n, 2n, 3n, 4n] : [0n, 0n, 0n, 0n];
    feeds[name] = new ort.Tensor('int64', BigInt64Array.from(data), [1, 4]);
  }
  return feeds;
}

/**
 * Creates a session on the first provider that loads. With `gpuOnly`, the CPU provider is never
 * tried and a GPU provider that would leave nodes on the CPU fails to load.
 */
export async function createEncoderSession(onnxPath: string, settings: SessionSettings = {}): Promise<EncoderSession> {
  const candidates = (settings.providers ?? defaultProviders()).filter((name) => !(settings.gpuOnly && name === 'cpu'));
  const attempts: ProviderAttempt[] = [];
  for (const provider of candidates) {
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(onnxPath, sessionOptions(provider, settings));
    } catch (error) {
      const message = (error as Error).message;
      attempts.push({ provider, ok: false, error: message });
      log.info(`execution provider ${provider} did not load for ${onnxPath}: ${message}`);
      continue;
    }
    attempts.push({ provider, ok: true });
    // Placement is only in doubt for GPU providers; on the CPU every node runs on the CPU.
    const mode = settings.placement ?? 'auto';
    const profile = mode === 'always' || (mode === 'auto' && provider !== 'cpu');
    const placement = profile ? await profilePlacement(onnxPath, provider, settings, probeFeeds) : {};
    const info: SessionInfo = { provider, placement, attempts, intraOpThreads: settings.intraOpThreads ?? defaultIntraOpThreads() };
    log.info(`encoder session on ${provider} for ${onnxPath}`, placement);
    return { session, info, inputNames: session.inputNames };
  }
  if (settings.gpuOnly) {
    throw new AppError('encoder_gpu_unavailable', `No GPU execution provider loaded: ${attempts.map((a) => `${a.provider}: ${a.error}`).join('; ')}`, {
      attempts: attempts.map((a) => `${a.provider}: ${a.error}`).join('; ') || 'none',
    });
  }
  const last = attempts[attempts.length - 1];
  throw new AppError('encoder_onnx_invalid', `ONNX Runtime could not load ${onnxPath}: ${last?.error ?? 'no provider tried'}`, {
    file: onnxPath,
    reason: last?.error ?? 'no provider tried',
  });
}

/** Sessions shared per file and settings, created on first use. */
export class SessionPool {
  private readonly sessions = new Map<string, Promise<EncoderSession>>();

  get(onnxPath: string, settings: SessionSettings = {}): Promise<EncoderSession> {
    const key = JSON.stringify([path.resolve(onnxPath), settings.providers ?? null, settings.gpuOnly ?? false, settings.intraOpThreads ?? null, settings.placement ?? 'auto']);
    let entry = this.sessions.get(key);
    if (!entry) {
      entry = createEncoderSession(onnxPath, settings);
      // A failed load is not cached, so fixing the folder or drivers and retrying works.
      entry.catch(() => this.sessions.delete(key));
      this.sessions.set(key, entry);
    }
    return entry;
  }

  get size(): number {
    return this.sessions.size;
  }

  async dispose(): Promise<void> {
    const entries = [...this.sessions.values()];
    this.sessions.clear();
    for (const entry of entries) {
      try {
        await (await entry).session.release();
      } catch {
        // A session that failed to load has nothing to release.
      }
    }
  }
}
