// Handlers of the Themes routes; the rules live in the themes service.

import { archiveTheme, listThemes, mergeThemes, previewMerge, unarchiveTheme, updateKeywords } from '../../themes/service';
import type { Backend } from '../backend';
import type { Handlers } from '../router';

type ThemeRoutes = 'themes.list' | 'themes.updateKeywords' | 'themes.archive' | 'themes.unarchive' | 'themes.mergePreview' | 'themes.merge';

export function themesHandlers(backend: Backend): Pick<Handlers, ThemeRoutes> {
  const changed = <T>(value: T): T => {
    backend.emit({ type: 'data.changed', reason: 'themes' });
    return value;
  };
  return {
    'themes.list': (input) => listThemes(backend.db(), input),
    'themes.updateKeywords': (input) => changed(updateKeywords(backend.db(), input.themeId, input.keywords)),
    'themes.archive': (input) => changed(archiveTheme(backend.db(), input.themeId)),
    'themes.unarchive': (input) => changed(unarchiveTheme(backend.db(), input.themeId)),
    'themes.mergePreview': (input) => previewMerge(backend.db(), input.sourceThemeId, input.targetThemeId),
    'themes.merge': (input) => changed(mergeThemes(backend.db(), input.sourceThemeId, input.targetThemeId)),
  };
}
