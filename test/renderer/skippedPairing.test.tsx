// The import screen's warning for a pairing skipped over the pair limit, and its button that runs
// corpus.pair with the limit raised. The screens talk to the real Backend and router on a temp
// database (test/helpers/backendClient.ts).

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ApiClient, JobInfo } from '../../src/shared/api';
import { ApiContext } from '../../src/renderer/app/ApiContext';
import { ImportScreen } from '../../src/renderer/screens/import/ImportScreen';
import { SkippedPairing } from '../../src/renderer/screens/import/SkippedPairing';
import { renderWithProviders } from './render';

/** The shape of test/helpers/backendClient.ts, which this web project cannot type-check. */
interface BackendClient {
  client: ApiClient;
  importFile(relativePath: string, maxNewPairs?: number): Promise<JobInfo>;
  pairCount(): Promise<number>;
  close(): Promise<void>;
}

const THEMES_TSV = 'themes.tsv';
const CAPES_400 = 'capes/capes_2021_2024_humanas_ia_resumos.csv';
const CAPES_12995 = 'capes/capes_2021_2024_ia_sem_resumo.csv';
/** themes.tsv's 458 themes are national, and CAPES_400 has 400 theses. */
const WOULD_CREATE = 458 * 400;

async function openBackend(): Promise<BackendClient> {
  // A computed path keeps TypeScript from following the import into Node code.
  const helper = '../helpers/backendClient';
  const helperModule = (await import(/* @vite-ignore */ helper)) as { openBackendClient(files: string[]): BackendClient };
  return helperModule.openBackendClient([THEMES_TSV, CAPES_400, CAPES_12995]);
}

async function importOrFail(setup: BackendClient, file: string, maxNewPairs?: number): Promise<void> {
  const job = await setup.importFile(file, maxNewPairs);
  expect(job.state).toBe('done');
}

describe('skipped pairing warning', () => {
  let setup: BackendClient;
  beforeAll(async () => {
    setup = await openBackend();
    await importOrFail(setup, THEMES_TSV);
    await importOrFail(setup, CAPES_400, 1000);
  });
  afterAll(() => setup.close());

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
    expect(await setup.pairCount()).toBe(0);
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
    expect(screen.queryByTestId('pairing-skipped')).toBeNull();
    expect(await setup.pairCount()).toBe(WOULD_CREATE);
  });
});

describe('import screen', () => {
  let setup: BackendClient;
  beforeAll(async () => {
    setup = await openBackend();
    await importOrFail(setup, THEMES_TSV);
  });
  afterAll(() => setup.close());

  it('shows a large skipped pairing', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <ApiContext.Provider value={setup.client}>
        <ImportScreen firstRun={false} onImported={() => {}} />
      </ApiContext.Provider>,
    );
    await user.upload(screen.getByTestId('import-input'), new File(['unused'], 'capes_2021_2024_ia_sem_resumo.csv'));
    const warning = await screen.findByTestId('pairing-skipped', {}, { timeout: 25_000 });
    expect(warning.textContent).toContain('criaria 5.950.794 pares, acima do limite de 2.000.000');
    expect(screen.getByRole('button', { name: 'Criar os 5.950.794 pares mesmo assim' })).toBeTruthy();
    expect(screen.getByTestId('import-summary').textContent).toContain('Nenhum par (tese × tema) novo.');
    expect(await setup.pairCount()).toBe(0);
  });
});
