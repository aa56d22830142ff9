// Renders a component inside the app's providers with a pt-BR translator, and unmounts it after each
// test (vitest runs without globals, so Testing Library cannot register its own cleanup).

import { cleanup, render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach } from 'vitest';

import { createI18n, type Locale } from '../../src/shared/i18n';
import { Providers } from '../../src/renderer/app/Providers';

afterEach(() => cleanup());

export function renderWithProviders(element: ReactElement, locale: Locale = 'pt-BR'): RenderResult {
  return render(<Providers i18n={createI18n(locale)}>{element}</Providers>);
}
