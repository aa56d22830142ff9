// Preferences that belong to the installation, not to a database: which database to open at
// start. Stored as JSON in the user-data folder; a missing or broken file means the defaults.

import fs from 'node:fs';
import path from 'node:path';

import { z } from 'zod';

import { createLogger } from '../log';

const log = createLogger('preferences');

const preferencesSchema = z.object({ lastDatabase: z.string().min(1).nullable().catch(null) }).catch({ lastDatabase: null });
export type Preferences = z.infer<typeof preferencesSchema>;

export function readPreferences(file: string): Preferences {
  try {
    return preferencesSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return { lastDatabase: null };
  }
}

export function writePreferences(file: string, preferences: Preferences): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(preferences, null, 2)}\n`);
  } catch (error) {
    log.warn('could not save preferences', error);
  }
}
