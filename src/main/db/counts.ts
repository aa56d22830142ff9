// Corpus-wide counts for the app's status line and the first-run decision.

import type { CorpusCounts } from '../../shared/api';
import type { Db } from './connection';
import { countPairsByLevel } from './pairs';
import { countThemes } from './themes';
import { countTheses } from './theses';

/** Counts theses, themes, pairs per level, imports and model versions. */
export function corpusCounts(db: Db): CorpusCounts {
  const levels = countPairsByLevel(db);
  const other = db
    .prepare('SELECT (SELECT count(*) FROM imports) AS imports, (SELECT count(*) FROM model_versions) AS modelVersions')
    .get() as { imports: number; modelVersions: number };
  return {
    theses: countTheses(db),
    themes: countThemes(db),
    pairs: levels.pairs,
    labelled: { BAIXA: levels.BAIXA, MEDIA: levels.MEDIA, ALTA: levels.ALTA },
    unlabelled: levels.unlabelled,
    imports: other.imports,
    modelVersions: other.modelVersions,
  };
}
