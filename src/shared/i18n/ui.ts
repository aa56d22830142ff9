// Messages of the ui area, in pt-BR and English. Keys: error.<code> for AppError codes, dotted
// names for everything else.

import type { Catalogue } from './index';

const ui: Catalogue = {
  'pt-BR': {},
  en: {},
};

export default ui;
