// The app shell: navigation between the seven screens (the address hash names the screen, so a
// reload stays put), the shared Pairs filter, and refreshes when main reports changed data or a new
// language. An empty database opens on the import guide.

import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import CategoryIcon from '@mui/icons-material/Category';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import FileUploadIcon from '@mui/icons-material/FileUpload';
import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import RateReviewIcon from '@mui/icons-material/RateReview';
import SettingsIcon from '@mui/icons-material/Settings';
import TableRowsIcon from '@mui/icons-material/TableRows';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

import { callApi, useApi } from './ApiContext';
import { useQuery } from '../hooks/useQuery';
import { ExportScreen } from '../screens/export/ExportScreen';
import { ImportScreen } from '../screens/import/ImportScreen';
import { ModelsScreen } from '../screens/models/ModelsScreen';
import { DEFAULT_COLUMNS } from '../screens/pairs/columns';
import { PairsScreen, type PairsViewState } from '../screens/pairs/PairsScreen';
import { apiReviewBackend } from '../screens/review/apiReviewBackend';
import { ReviewView } from '../screens/review/ReviewView';
import { SettingsScreen } from '../screens/settings/SettingsScreen';
import { ThemesScreen } from '../screens/themes/ThemesScreen';

export const SCREENS = ['import', 'pairs', 'review', 'models', 'themes', 'export', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

const ICONS: Record<Screen, ReactElement> = {
  import: <FileUploadIcon />,
  pairs: <TableRowsIcon />,
  review: <RateReviewIcon />,
  models: <ModelTrainingIcon />,
  themes: <CategoryIcon />,
  export: <FileDownloadIcon />,
  settings: <SettingsIcon />,
};

const DRAWER_WIDTH = 210;

function screenFromHash(): Screen | null {
  const name = window.location.hash.replace(/^#\/?/, '');
  return (SCREENS as readonly string[]).includes(name) ? (name as Screen) : null;
}

export function App() {
  const { t, i18n } = useTranslation();
  const client = useApi();
  const [screen, setScreen] = useState<Screen | null>(screenFromHash);
  const [dataVersion, setDataVersion] = useState(0);
  // Label changes refresh the Pairs list only: the review loop must not refetch counts on every key.
  const [labelsVersion, setLabelsVersion] = useState(0);
  const [view, setView] = useState<PairsViewState>({ filter: {}, sort: { key: 'pair', direction: 'asc' }, columns: DEFAULT_COLUMNS });
  const bump = useCallback(() => setDataVersion((n) => n + 1), []);
  const status = useQuery(() => callApi(client, 'corpus.status', {}), [client, dataVersion]);

  // One subscription for the page's lifetime keeps the event stream open while screens come and go.
  const i18nRef = useRef(i18n);
  useEffect(
    () =>
      client.onEvent((event) => {
        if (event.type === 'data.changed' && event.reason === 'labels') setLabelsVersion((n) => n + 1);
        else if (event.type === 'data.changed') setDataVersion((n) => n + 1);
        if (event.type === 'locale.changed') void i18nRef.current.changeLanguage(event.locale);
      }),
    [client],
  );

  useEffect(() => {
    void callApi(client, 'settings.get', {}).then(
      async (settings) => {
        if (i18n.language !== settings.language) await i18n.changeLanguage(settings.language);
      },
      () => undefined,
    );
  }, [client, i18n]);

  useEffect(() => {
    const listener = (): void => setScreen(screenFromHash());
    window.addEventListener('hashchange', listener);
    return () => window.removeEventListener('hashchange', listener);
  }, []);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('ui.app.title');
  }, [i18n.language, t]);

  const empty = status.data?.empty ?? false;
  // The first corpus.status result picks the start screen once, so a finished import stays on the guide.
  useEffect(() => {
    if (screen == null && status.data) setScreen(status.data.empty ? 'import' : 'pairs');
  }, [screen, status.data]);
  const current: Screen = screen ?? (empty ? 'import' : 'pairs');
  const go = (next: Screen): void => {
    window.location.hash = `/${next}`;
    setScreen(next);
  };

  // app.info repeats the corpus counts, which is slow on a large corpus. Only Settings requests it,
  // and the header shows the counts of corpus.status.
  const wantInfo = current === 'settings';
  const info = useQuery(() => (wantInfo ? callApi(client, 'app.info', {}) : Promise.resolve(undefined)), [client, dataVersion, wantInfo]);
  const reviewBackend = useMemo(() => apiReviewBackend(client, view.filter), [client, view.filter]);
  const counts = status.data;

  const content = (() => {
    switch (current) {
      case 'import':
        return <ImportScreen firstRun={empty} onImported={bump} />;
      case 'pairs':
        return <PairsScreen view={view} onViewChange={setView} dataKey={`${dataVersion}-${labelsVersion}`} />;
      case 'review':
        return <ReviewView backend={reviewBackend} />;
      case 'models':
        return <ModelsScreen onDataChanged={bump} />;
      case 'themes':
        return <ThemesScreen onDataChanged={bump} />;
      case 'export':
        return <ExportScreen filter={view.filter} sort={view.sort} />;
      case 'settings':
        return <SettingsScreen info={info.data ?? undefined} onDatabaseChanged={bump} />;
      default:
        return null;
    }
  })();

  return (
    <Box sx={{ display: 'flex', height: '100vh' }}>
      <AppBar position="fixed" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar variant="dense">
          <Typography variant="h6" component="div" sx={{ flex: 1 }}>
            {t('ui.app.title')}
          </Typography>
          {counts && (
            <Typography variant="body2" data-testid="app-counts">
              {t('ui.app.counts', {
                theses: counts.theses.toLocaleString(i18n.language),
                themes: counts.themes.toLocaleString(i18n.language),
                pairs: counts.pairs.toLocaleString(i18n.language),
              })}
            </Typography>
          )}
        </Toolbar>
      </AppBar>
      <Drawer variant="permanent" sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' } }}>
        <Toolbar variant="dense" />
        <nav aria-label={t('ui.nav.label')}>
          <List dense>
            {SCREENS.map((name) => (
              <ListItemButton key={name} selected={name === current} onClick={() => go(name)} data-testid={`nav-${name}`} aria-current={name === current ? 'page' : undefined}>
                <ListItemIcon sx={{ minWidth: 36 }}>{ICONS[name]}</ListItemIcon>
                <ListItemText primary={t(`ui.nav.${name}`)} />
              </ListItemButton>
            ))}
          </List>
        </nav>
      </Drawer>
      <Box component="main" sx={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', p: 2, pt: 8, overflow: 'auto' }} data-screen={current}>
        {content}
      </Box>
    </Box>
  );
}
