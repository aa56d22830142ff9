// Hostile and malformed calls straight through the router: each must come back as a typed error
// that names the value, and leave the database as it was.

import fs from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { Sender } from '../../../src/main/api/senders';
import { LOCALES, type Catalogue } from '../../../src/shared/i18n';
import app from '../../../src/shared/i18n/app';
import common from '../../../src/shared/i18n/common';
import corpus from '../../../src/shared/i18n/corpus';
import encoder from '../../../src/shared/i18n/encoder';
import exportMessages from '../../../src/shared/i18n/export';
import model from '../../../src/shared/i18n/model';
import ui from '../../../src/shared/i18n/ui';
import { useTestBackend } from '../../helpers/api';

const APP_ORIGIN = 'app://aderencia';
const appFrame: Sender = { transport: 'electron', frameUrl: `${APP_ORIGIN}/index.html` };

const api = useTestBackend('app.sqlite', { perTest: true });

describe('router attacks', () => {
  it('names a missing model version', async () => {
    const result = await api.router.handle(appFrame, 'model.activate', { versionId: 999 });
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
    fs.rmSync(api.backend.exportsDir, { recursive: true });
    fs.writeFileSync(api.backend.exportsDir, 'a file where the folder should be');
    const result = await api.router.handle(appFrame, 'export.run', { format: 'csv' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('export_write_failed');
    expect(result.error.params?.file).toBe(api.backend.exportsDir);
    expect(result.error.message).toContain(api.backend.exportsDir);
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
