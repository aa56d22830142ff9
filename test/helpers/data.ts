// The real data folder the tests read: `shared/data` beside the checkout, as on every developer's
// machine and on CI.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
