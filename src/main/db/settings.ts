// Typed access to the `settings` table (key → JSON value). Every setting has one declared key and
// a zod schema with its default, so a value written by an older version, or edited by hand,
// reads back as the default instead of breaking the app. The API's settings routes, the
// encoders (`encoder.active`) and the model read settings only through this module.

import { z } from 'zod';

import { EXECUTION_PROVIDERS } from '../../shared/api/routes/app';
import { LOCALES, DEFAULT_LOCALE } from '../../shared/i18n';
import { createLogger } from '../log';
import type { Db } from './connection';

const log = createLogger('settings');

export const SETTING_SCHEMAS = {
  /** Language of the interface and of the messages the API returns. */
  language: z.enum(LOCALES).catch(DEFAULT_LOCALE),
  /** Name recorded in every label event the curator makes. */
  curatorName: z.string().max(200).nullable().catch(null),
  executionProvider: z.enum(EXECUTION_PROVIDERS).catch('auto'),
  /** Threads for inference and training; 0 lets the runtime choose. */
  threads: z.number().int().min(0).max(256).catch(0),
  /** Absolute folder of installed encoders; null means the default folder in the user-data folder. */
  modelFolder: z.string().min(1).nullable().catch(null),
  /** Id of the active text encoder; null for the lexical features only. */
  'encoder.active': z.string().min(1).nullable().catch(null),
} as const;

export type SettingKey = keyof typeof SETTING_SCHEMAS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTING_SCHEMAS)[K]>;
export type AllSettings = { [K in SettingKey]: SettingValue<K> };

/** Reads one setting; a missing or malformed value yields the declared default. */
export function getSetting<K extends SettingKey>(db: Db, key: K): SettingValue<K> {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  let raw: unknown;
  try {
    raw = row ? JSON.parse(row.value) : undefined;
  } catch {
    log.warn(`setting ${key} contains invalid JSON; using the default`);
  }
  return SETTING_SCHEMAS[key].parse(raw) as SettingValue<K>;
}

/** Writes one setting after checking it against its schema; raises RangeError for an invalid value. */
export function setSetting<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>): void {
  const schema = SETTING_SCHEMAS[key].removeCatch();
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new RangeError(`setSetting: invalid value for ${key}: ${parsed.error.issues[0]?.message}`);
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(parsed.data),
  );
}

/** Reads every declared setting. */
export function getAllSettings(db: Db): AllSettings {
  const out: Partial<Record<SettingKey, unknown>> = {};
  for (const key of Object.keys(SETTING_SCHEMAS) as SettingKey[]) out[key] = getSetting(db, key);
  return out as AllSettings;
}

/** Writes several settings in one transaction, so a bad value leaves all of them as they were. */
export function setSettings(db: Db, values: Partial<AllSettings>): void {
  const write = db.transaction(() => {
    for (const [key, value] of Object.entries(values) as [SettingKey, never][]) {
      if (value !== undefined) setSetting(db, key, value);
    }
  });
  write();
}
