// The import screen's warning for a pairing skipped over the pair limit, and its button that runs
// corpus.pair with the limit raised. The screens talk to the real Backend and router on a temp
// database; only the file picker's File-to-path step, which the preload does in the app, is local.

import fs from 'node:fs';
import path from 'node:path';

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Backend } from '../../src/main/api/backend';
import type { Router } from '../../src/main/api/router';
import { electronSenderPolicy } from '../../src/main/api/senders';
import type { ApiClient, ApiResult, RouteOutput } from '../../src/shared/api';
import { ApiContext } from '../../src/renderer/app/ApiContext';
import { ImportScreen } from '../../src/renderer/screens/import/ImportScreen';
import { SkippedPairing } from '../../src/renderer/screens/import/SkippedPairing';
import { APP_SENDER, apiCaller } from '../helpers/api';
import { SHARED_DATA } from '../helpers/data';
import { tempDir } from '../helpers/db';
import { renderWithProviders } from './render';

const THEMES_TSV = path.join(SHARED_DATA, 'themes.tsv');
const CAPES_400 = path.join(SHARED_DATA, 'capes/capes_2021_2024_humanas_ia_resumos.csv');
const CAPES_12995 = path.join(SHARED_DATA, 'capes/capes_2021_2024_ia_sem_resumo.csv');
/** themes.tsv's 458 themes are national, and CAPES_400 has 400 theses. */
const WOULD_CREATE = 458 * 400;

interface Setup {
  dir: string;
  backend: Backend;
  router: Router;
  client: ApiClient;
}

/** An ApiClient on the real router, as the preload bridge gives the window. */
function openBackend(): Setup {
  const dir = tempDir('aderencia-renderer-');
  const backend = new Backend({ dbPath: path.join(dir, 'ui.sqlite'), version: 'test', dataDir: dir });
  const router = backend.router(electronSenderPolicy(['app://aderencia']));
  const byName = new Map([THEMES_TSV, CAPES_400, CAPES_12995].map((file) => [path.basename(file), file]));
  const client: ApiClient = {
    transport: 'electron',
    call: (route, input) => router.handle(APP_SENDER, route, input) as Promise<ApiResult<RouteOutput<typeof route>>>,
    onEvent: (listener) => backend.onEvent(listener),
    onJobEvent: (listener) =>
      backend.onEvent((event) => {
        if (event.type === 'job.progress' || event.type === 'job.state') listener(event);
      }),
    registerFile: async (file) => ({ ok: true, data: backend.files.register(byName.get(file.name) ?? file.name, 'file') }),
  };
  return { dir, backend, router, client };
}

async function closeBackend(setup: Setup): Promise<void> {
  await setup.backend.close();
  fs.rmSync(setup.dir, { recursive: true, force: true });
}

async function importThroughApi(setup: Setup, file: string, maxNewPairs?: number): Promise<void> {
  const { call, waitForJob } = apiCaller(() => setup.router);
  const handle = setup.backend.files.register(file, 'file').handle;
  const job = await waitForJob(await call('corpus.import', { handle, maxNewPairs }));
  expect(job.state).toBe('done');
}

async function pairCount(setup: Setup): Promise<number> {
  const { call } = apiCaller(() => setup.router);
  return (await call('corpus.status', {})).pairs;
}

describe('skipped pairing warning', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = openBackend();
    await importThroughApi(setup, THEMES_TSV);
    await importThroughApi(setup, CAPES_400, 1000);
  });
  afterAll(() => closeBackend(setup));

  it('shows the count in English', () => {
    renderWithProviders(
      <ApiContext.Provider value={setup.client}>
        <SkippedPairing wouldCreate={WOULD_CREATE} limit={1000} nationalThemes={458} />
      </ApiContext.Provider>,
      'en',
    );
    expect(screen.getByTestId('pairing-skipped').textContent).toContain('it would create 183,200 pairs, over the limit of 1,000, because 458 national themes');
    expect(screen.getByRole('button', { name: 'Create the 183,200 pairs anyway' })).toBeTruthy();
  });

  it('shows the error when the count grew', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <ApiContext.Provider value={setup.client}>
        <SkippedPairing wouldCreate={10} limit={5} nationalThemes={458} />
      </ApiContext.Provider>,
    );
    await user.click(screen.getByRole('button', { name: 'Criar os 10 pares mesmo assim' }));
    await waitFor(() => expect(screen.getByTestId('pairing-skipped').textContent).toContain('O pareamento por UF criaria 183.200 pares, acima do limite de 10'));
    expect(await pairCount(setup)).toBe(0);
  });

  it('creates the pairs from the button', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <ApiContext.Provider value={setup.client}>
        <SkippedPairing wouldCreate={WOULD_CREATE} limit={1000} nationalThemes={458} />
      </ApiContext.Provider>,
    );
    const warning = screen.getByTestId('pairing-skipped');
    expect(warning.textContent).toContain('criaria 183.200 pares, acima do limite de 1.000, porque 458 temas nacionais (sem UF)');
    expect(warning.textContent).toContain('dê uma UF aos temas (coluna uf)');

    await user.click(screen.getByRole('button', { name: 'Criar os 183.200 pares mesmo assim' }));
    await waitFor(() => expect(screen.getByTestId('pairing-done').textContent).toBe('183.200 pares (tese × tema) novos.'), { timeout: 20_000 });
    expect(screen.queryByRole('button', { name: /mesmo assim/ })).toBeNull();
    expect(await pairCount(setup)).toBe(WOULD_CREATE);
  });
});

describe('import screen', () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = openBackend();
    await importThroughApi(setup, THEMES_TSV);
  });
  afterAll(() => closeBackend(setup));

  it('shows the skipped pairing of the 12,995-thesis catalogue', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <ApiContext.Provider value={setup.client}>
        <ImportScreen firstRun={false} onImported={() => {}} />
      </ApiContext.Provider>,
    );
    await user.upload(screen.getByTestId('import-input'), new File(['unused'], path.basename(CAPES_12995)));
    const warning = await screen.findByTestId('pairing-skipped', {}, { timeout: 25_000 });
    expect(warning.textContent).toContain('criaria 5.950.794 pares, acima do limite de 2.000.000');
    expect(screen.getByRole('button', { name: 'Criar os 5.950.794 pares mesmo assim' })).toBeTruthy();
    expect(screen.getByTestId('import-summary').textContent).toContain('Nenhum par (tese × tema) novo.');
    expect(await pairCount(setup)).toBe(0);
  });
});
