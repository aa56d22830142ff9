// Hostile and malformed calls straight through the router: each must come back as a typed error
// that names the value, and leave the database as it was.

import fs from 'node:fs';
import path from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { Backend } from '../../../src/main/api/backend';
import type { Router } from '../../../src/main/api/router';
import { electronSenderPolicy, type Sender } from '../../../src/main/api/senders';
import { LOCALES, type Catalogue } from '../../../src/shared/i18n';
import app from '../../../src/shared/i18n/app';
import common from '../../../src/shared/i18n/common';
import corpus from '../../../src/shared/i18n/corpus';
import encoder from '../../../src/shared/i18n/encoder';
import exportMessages from '../../../src/shared/i18n/export';
import model from '../../../src/shared/i18n/model';
import ui from '../../../src/shared/i18n/ui';
import { tempDir } from '../../helpers/db';

const APP_ORIGIN = 'app://aderencia';
const appFrame: Sender = { transport: 'electron', frameUrl: `${APP_ORIGIN}/index.html` };

let dir: string;
let backend: Backend;
let router: Router;

beforeEach(() => {
  dir = tempDir();
  backend = new Backend({ dbPath: path.join(dir, 'app.sqlite'), version: '0.0.0-test', dataDir: dir });
  router = backend.router(electronSenderPolicy([APP_ORIGIN]));
});

afterEach(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('router attacks', () => {
  it('names a missing model version', async () => {
    const result = await router.handle(appFrame, 'model.activate', { versionId: 999 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('model_version_not_found');
    expect(result.error.message).toContain('999');
    expect(result.error.message).not.toContain('{{');
  });
});

describe('export attacks', () => {
  it('reports an exports folder that cannot be created', async () => {
    // The backend creates the folder at start, so replace it while the app runs.
    fs.rmSync(backend.exportsDir, { recursive: true });
    fs.writeFileSync(backend.exportsDir, 'a file where the folder should be');
    const result = await router.handle(appFrame, 'export.run', { format: 'csv' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('export_write_failed');
    expect(result.error.params?.file).toBe(backend.exportsDir);
    expect(result.error.message).toContain(backend.exportsDir);
  });
});

describe('message catalogue', () => {
  it('defines each message once', () => {
    // Areas are merged into one resource set, so a key defined twice silently loses one text
    // and its placeholders.
    const areas: Record<string, Catalogue> = { app, common, corpus, encoder, exportMessages, model, ui };
    for (const locale of LOCALES) {
      const owners = new Map<string, string[]>();
      for (const [area, catalogue] of Object.entries(areas)) {
        for (const key of Object.keys(catalogue[locale])) owners.set(key, [...(owners.get(key) ?? []), area]);
      }
      const duplicated = [...owners].filter(([, names]) => names.length > 1).map(([key, names]) => `${key}: ${names.join(', ')}`);
      expect(duplicated).toEqual([]);
    }
  });
});
