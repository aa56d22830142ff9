// The encoder download catalogue through the API: each recommended model's note comes in the
// database's language, so the pt-BR Models screen shows no English text.

import { describe, expect, it } from 'vitest';

import type { Sender } from '../../../src/main/api/senders';
import { CATALOGUE } from '../../../src/main/encoders/catalogue';
import type { ApiResult, CatalogueEntry } from '../../../src/shared/api';
import { useTestBackend } from '../../helpers/api';

const sender: Sender = { transport: 'electron', frameUrl: 'app://aderencia/index.html' };

const api = useTestBackend('catalogue.sqlite');

async function catalogueEntries(): Promise<CatalogueEntry[]> {
  const result = (await api.router.handle(sender, 'encoders.catalogue', {})) as ApiResult<CatalogueEntry[]>;
  if (!result.ok) throw new Error(`encoders.catalogue: ${result.error.code} ${result.error.message}`);
  return result.data;
}

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
    const set = (await api.router.handle(sender, 'settings.set', { language: 'en' })) as ApiResult<unknown>;
    expect(set.ok).toBe(true);

    const entries = await catalogueEntries();

    expect(entries[0].description).toBe(CATALOGUE[0].notes);
  });
});
