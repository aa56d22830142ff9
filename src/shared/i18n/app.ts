// Messages of the app area, in pt-BR and English. Keys: error.<code> for AppError codes, dotted
// names for everything else.

import type { Catalogue } from './index';

const app: Catalogue = {
  'pt-BR': {},
  en: {},
};

export default app;
