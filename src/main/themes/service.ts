// The Themes screen's service: keyword editing, archive and unarchive (a theme is never deleted,
// so labels keep their theme), and merging one theme into another with a preview. A merge runs
// in one transaction: pairs move to the target theme with their whole label history, pairs whose
// thesis is already paired with the target stay on the archived source theme, and the keywords of
// both themes are united.

import type { MergePreview, MergeResult, ThemeSummary } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/connection';
import {
  getThemeSummary,
  listThemeSummaries,
  mergeCounts,
  mergeSample,
  moveThemePairs,
  setThemeArchived,
  setThemeKeywords,
} from '../db/themeCatalogue';
import { createLogger } from '../log';

const log = createLogger('themes');

export { listThemeSummaries as listThemes };

function requireTheme(db: Db, themeId: number): ThemeSummary {
  const theme = getThemeSummary(db, themeId);
  if (!theme) throw new AppError('theme_not_found', `theme ${themeId} not found`, { id: themeId });
  return theme;
}

function requireNotMerged(theme: ThemeSummary): void {
  if (theme.mergedInto != null) {
    throw new AppError('theme_merged', `theme ${theme.id} was merged into theme ${theme.mergedInto}`, {
      theme: theme.name,
      target: theme.mergedInto,
    });
  }
}

/**
 * Folds keywords for comparison: case and accents ignored, so "Educação" and "educacao" count
 * as one keyword and the first spelling is kept.
 */
function keywordKey(keyword: string): string {
  return keyword.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function uniqueKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of keywords) {
    const keyword = raw.trim().replace(/\s+/g, ' ');
    const key = keywordKey(keyword);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(keyword);
  }
  return out;
}

/** Replaces a theme's keywords (trimmed, duplicates removed ignoring case and accents). */
export function updateKeywords(db: Db, themeId: number, keywords: readonly string[]): ThemeSummary {
  return db.transaction(() => {
    requireNotMerged(requireTheme(db, themeId));
    setThemeKeywords(db, themeId, uniqueKeywords(keywords));
    log.info(`theme ${themeId}: keywords replaced (${keywords.length} given)`);
    return requireTheme(db, themeId);
  })();
}

/** Archives a theme: it disappears from lists and filters; its pairs and labels stay. */
export function archiveTheme(db: Db, themeId: number): ThemeSummary {
  return db.transaction(() => {
    const theme = requireTheme(db, themeId);
    if (theme.archivedAt == null) setThemeArchived(db, themeId, true);
    log.info(`theme ${themeId} archived`);
    return requireTheme(db, themeId);
  })();
}

export function unarchiveTheme(db: Db, themeId: number): ThemeSummary {
  return db.transaction(() => {
    requireNotMerged(requireTheme(db, themeId));
    setThemeArchived(db, themeId, false);
    log.info(`theme ${themeId} unarchived`);
    return requireTheme(db, themeId);
  })();
}

function checkMergeable(db: Db, sourceId: number, targetId: number): { source: ThemeSummary; target: ThemeSummary } {
  if (sourceId === targetId) {
    throw new AppError('theme_merge_same', `cannot merge theme ${sourceId} into itself`, { id: sourceId });
  }
  const source = requireTheme(db, sourceId);
  const target = requireTheme(db, targetId);
  requireNotMerged(source);
  requireNotMerged(target);
  if (source.uf !== target.uf) {
    throw new AppError('theme_merge_other_state', `themes ${sourceId} (${source.uf ?? 'national'}) and ${targetId} (${target.uf ?? 'national'}) belong to different states`, {
      source: source.name,
      target: target.name,
      sourceUf: source.uf ?? '—',
      targetUf: target.uf ?? '—',
    });
  }
  return { source, target };
}

/** Shows what merging `sourceThemeId` into `targetThemeId` would do, without changing anything. */
export function previewMerge(db: Db, sourceThemeId: number, targetThemeId: number): MergePreview {
  const { source, target } = checkMergeable(db, sourceThemeId, targetThemeId);
  return {
    source,
    target,
    ...mergeCounts(db, sourceThemeId, targetThemeId),
    sample: mergeSample(db, sourceThemeId, targetThemeId),
  };
}

/** Merges `sourceThemeId` into `targetThemeId` in one transaction; see the file header for the rules. */
export function mergeThemes(db: Db, sourceThemeId: number, targetThemeId: number): MergeResult {
  return db.transaction(() => {
    const { source, target } = checkMergeable(db, sourceThemeId, targetThemeId);
    const counts = mergeCounts(db, sourceThemeId, targetThemeId);
    const moved = moveThemePairs(db, sourceThemeId, targetThemeId);
    setThemeKeywords(db, targetThemeId, uniqueKeywords([...target.keywords, ...source.keywords]));
    log.info(`theme ${sourceThemeId} merged into ${targetThemeId}: ${moved} pairs moved, ${counts.pairsConflicting} kept on the source`);
    // NOTE: predictions of moved pairs were computed against the source theme's text; they stay
    // until the next training or prediction run replaces them.
    return { pairsMoved: moved, pairsConflicting: counts.pairsConflicting, target: requireTheme(db, targetThemeId) };
  })();
}
