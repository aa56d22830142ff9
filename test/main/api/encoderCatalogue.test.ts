// The encoder download catalogue through the API: each recommended model's note comes in the
// database's language, so the pt-BR Models screen shows no English text.

import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Backend } from '../../../src/main/api/backend';
import type { Router } from '../../../src/main/api/router';
import { electronSenderPolicy, type Sender } from '../../../src/main/api/senders';
import { CATALOGUE } from '../../../src/main/encoders/catalogue';
import type { ApiResult, CatalogueEntry } from '../../../src/shared/api';
import { tempDir } from '../../helpers/db';

const sender: Sender = { transport: 'electron', frameUrl: 'app://aderencia/index.html' };

let dir: string;
let backend: Backend;
let router: Router;

async function catalogueEntries(): Promise<CatalogueEntry[]> {
  const result = (await router.handle(sender, 'encoders.catalogue', {})) as ApiResult<CatalogueEntry[]>;
  if (!result.ok) throw new Error(`encoders.catalogue: ${result.error.code} ${result.error.message}`);
  return result.data;
}

beforeAll(() => {
  dir = tempDir();
  backend = new Backend({ dbPath: path.join(dir, 'catalogue.sqlite'), version: 'test', dataDir: dir });
  router = backend.router(electronSenderPolicy(['app://aderencia']));
});

afterAll(async () => {
  await backend.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('encoder catalogue language', () => {
  it('notes in Portuguese by default', async () => {
    const entries = await catalogueEntries();

    expect(entries).toHaveLength(CATALOGUE.length);
    for (const entry of entries) {
      const english = CATALOGUE.find((model) => model.repo === entry.repoId)?.notes;
      expect(entry.description, entry.repoId).not.toBe(english);
    }
    expect(entries[0].description).toContain('primeira escolha');
  });

  it('notes in English when set', async () => {
    const set = (await router.handle(sender, 'settings.set', { language: 'en' })) as ApiResult<unknown>;
    expect(set.ok).toBe(true);

    const entries = await catalogueEntries();

    expect(entries[0].description).toBe(CATALOGUE[0].notes);
  });
});
