// Renderer entry: bundled fonts, the translator in the default locale (the saved language is
// applied once settings load), and the app inside its providers.

import '@fontsource/roboto/300.css';
import '@fontsource/roboto/400.css';
import '@fontsource/roboto/500.css';
import '@fontsource/roboto/700.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { createI18n } from '../shared/i18n';
import { App } from './app/App';
import { Providers } from './app/Providers';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers i18n={createI18n()}>
      <App />
    </Providers>
  </StrictMode>,
);
