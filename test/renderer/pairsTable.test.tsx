// Pairs table empty states: a filter that matches nothing and a corpus without pairs each say
// what to do next, and a count still loading shows neither.

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { ApiClient } from '../../src/shared/api';
import { ApiContext } from '../../src/renderer/app/ApiContext';
import { PairsTable } from '../../src/renderer/screens/pairs/PairsTable';
import { renderWithProviders } from './render';

const COLUMNS = ['pair', 'title', 'theme', 'level'];
const SORT = { key: 'pair', direction: 'asc' } as const;

/** Returns an empty page for every `pairs.list`, as the backend does before the count arrives. */
const EMPTY_PAGES = {
  transport: 'web',
  call: async () => ({ ok: true, data: { rows: [] } }),
  onEvent: () => () => {},
  onJobEvent: () => () => {},
  registerFile: async () => ({ ok: false, error: { code: 'not_available', message: 'not available', params: {} } }),
} as unknown as ApiClient;

describe('pairs table empty state', () => {
  it('filter matching nothing', () => {
    renderWithProviders(<PairsTable filter={{ search: 'xyzzyq' }} sort={SORT} onSortChange={() => {}} columns={COLUMNS} count={0} />);

    expect(screen.getByTestId('pairs-empty').textContent).toBe('Nenhum par corresponde aos filtros. Mude a busca ou clique em Limpar filtros.');
  });

  it('corpus without pairs', () => {
    renderWithProviders(<PairsTable filter={{}} sort={SORT} onSortChange={() => {}} columns={COLUMNS} count={0} />);

    expect(screen.getByTestId('pairs-empty').textContent).toContain('Ainda não há pares');
  });

  it('count still loading', () => {
    renderWithProviders(
      <ApiContext.Provider value={EMPTY_PAGES}>
        <PairsTable filter={{}} sort={SORT} onSortChange={() => {}} columns={COLUMNS} count={null} />
      </ApiContext.Provider>,
    );

    expect(screen.queryByTestId('pairs-empty')).toBeNull();
  });
});
