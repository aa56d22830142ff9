// Installed models and the active one. Each installed model is a folder under the user-data models
// folder with an aderencia-model.json manifest (where it came from, size, dimension). The active
// encoder is stored in the settings table under `encoder.active` as "ID" or "ID@quantized".

import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../shared/errors';
import type { Db } from '../db/connection';
import { modelsDir } from '../paths';
import type { ModelVariant, Pooling } from './folder';

export const MANIFEST_FILE = 'aderencia-model.json';
export const ACTIVE_SETTING = 'encoder.active';

export interface ModelSource {
  kind: 'folder' | 'zip' | 'hub';
  /** The folder, zip file or hub base URL it came from. */
  location: string;
  repo?: string;
  revision?: string;
}

export interface ModelManifest {
  id: string;
  source: ModelSource;
  /** Repository id or original folder name, used for prompt defaults. */
  nameHint: string;
  installedAt: string;
  sizeBytes: number;
  dimension: number;
  variants: ModelVariant[];
  maxLength: number;
  pooling: Pooling;
}

export interface InstalledModel extends ModelManifest {
  dir: string;
}

export interface ActiveEncoder {
  id: string;
  variant: ModelVariant;
}

export function writeManifest(dir: string, manifest: ModelManifest): ModelManifest {
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function readManifest(dir: string): ModelManifest | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as ModelManifest;
  } catch {
    return null;
  }
}

/** Lists installed models, skipping staging folders and folders without a readable manifest. */
export function listInstalled(root: string = modelsDir()): InstalledModel[] {
  if (!fs.existsSync(root)) return [];
  const out: InstalledModel[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = path.join(root, entry.name);
    const manifest = readManifest(dir);
    if (manifest) out.push({ ...manifest, id: entry.name, dir });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

export function findInstalled(id: string, root: string = modelsDir()): InstalledModel {
  const model = listInstalled(root).find((m) => m.id === id);
  if (!model) {
    throw new AppError('encoder_not_installed', `No installed model has id ${id}`, {
      id,
      known: listInstalled(root).map((m) => m.id).join(', ') || '-',
    });
  }
  return model;
}

/** Parses "ID" or "ID@quantized" as `aderencia models activate` and `--model` accept it. */
export function parseModelRef(ref: string): ActiveEncoder {
  const [id, variant = 'default'] = ref.split('@');
  if (variant !== 'default' && variant !== 'quantized') {
    throw new AppError('invalid_input', `Unknown model variant "${variant}" in ${ref}`, { field: 'model', reason: 'the variant after @ must be default or quantized' });
  }
  return { id, variant };
}

/** Builds the cache key of a model: its id, plus @quantized for the quantised variant. */
export function cacheModelId(active: ActiveEncoder): string {
  return active.variant === 'default' ? active.id : `${active.id}@${active.variant}`;
}

/** Reads `encoder.active`, stored as a JSON string "ID" or "ID@quantized" (the model service reads it so too). */
export function getActiveEncoder(db: Db): ActiveEncoder | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(ACTIVE_SETTING) as { value: string } | undefined;
  if (!row) return null;
  const value = JSON.parse(row.value) as unknown;
  return typeof value === 'string' && value.length > 0 ? parseModelRef(value) : null;
}

export function setActiveEncoder(db: Db, active: ActiveEncoder | null): void {
  if (active == null) db.prepare('DELETE FROM settings WHERE key = ?').run(ACTIVE_SETTING);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(ACTIVE_SETTING, JSON.stringify(cacheModelId(active)));
}
