// The Themes screen: the catalogue per state, keyword editing, archive (never a hard delete, so
// labels stay attached) and merging two themes after a preview of the pairs that move.

import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { MergePreview, ThemeSummary } from '../../../shared/api';
import { callApi, errorText, useApi } from '../../app/ApiContext';
import { LevelChip } from '../../components/LevelChip';
import { useQuery } from '../../hooks/useQuery';
import { parseLevel } from '../../../shared/levels';

/** Maximum rows the theme table renders. The state filter and the search narrow the rest. */
const MAX_ROWS = 300;

function splitKeywords(text: string): string[] {
  return [...new Set(text.split(/[;\n,]/).map((word) => word.trim()).filter(Boolean))];
}

function ThemeEditor({ theme, themes, onChanged }: { theme: ThemeSummary; themes: ThemeSummary[]; onChanged(): void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [keywords, setKeywords] = useState(theme.keywords.join('; '));
  const [error, setError] = useState<string | null>(null);
  const [target, setTarget] = useState<ThemeSummary | null>(null);
  const [preview, setPreview] = useState<MergePreview | null>(null);

  useEffect(() => {
    setKeywords(theme.keywords.join('; '));
    setTarget(null);
    setPreview(null);
    setError(null);
  }, [theme]);

  const act = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
      setError(null);
      onChanged();
    } catch (caught) {
      setError(errorText(caught, t));
    }
  };

  const showPreview = async (): Promise<void> => {
    if (!target) return;
    try {
      setPreview(await callApi(client, 'themes.mergePreview', { sourceThemeId: theme.id, targetThemeId: target.id }));
    } catch (caught) {
      setError(errorText(caught, t));
    }
  };

  return (
    <Card variant="outlined" data-testid="theme-editor">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" data-testid="theme-editor-name">
            {theme.name}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {[theme.uf ?? t('ui.theme.national'), theme.macroTheme, theme.sourceId && `tema_id ${theme.sourceId}`].filter(Boolean).join(' · ')}
            {' · '}
            {t('ui.themes.pairsLabelled', { pairs: theme.pairs, labelled: theme.labelledPairs })}
          </Typography>
          <TextField
            label={t('ui.themes.keywords')}
            helperText={t('ui.themes.keywordsHelp')}
            multiline
            minRows={2}
            value={keywords}
            onChange={(event) => setKeywords(event.target.value)}
          />
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => void act(() => callApi(client, 'themes.updateKeywords', { themeId: theme.id, keywords: splitKeywords(keywords) }))}>
              {t('ui.themes.saveKeywords')}
            </Button>
            {theme.archivedAt ? (
              <Button onClick={() => void act(() => callApi(client, 'themes.unarchive', { themeId: theme.id }))}>{t('ui.themes.unarchive')}</Button>
            ) : (
              <Button color="warning" onClick={() => void act(() => callApi(client, 'themes.archive', { themeId: theme.id }))}>
                {t('ui.themes.archive')}
              </Button>
            )}
          </Stack>
          <Typography variant="subtitle2">{t('ui.themes.mergeInto')}</Typography>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Autocomplete
              size="small"
              sx={{ flex: 1 }}
              options={themes.filter((candidate) => candidate.id !== theme.id && !candidate.archivedAt)}
              getOptionLabel={(option) => `${option.name}${option.uf ? ` (${option.uf})` : ''}`}
              value={target}
              onChange={(_, value) => setTarget(value)}
              renderInput={(params) => <TextField {...params} label={t('ui.themes.mergeTarget')} />}
            />
            <Button variant="outlined" disabled={!target} onClick={() => void showPreview()}>
              {t('ui.themes.preview')}
            </Button>
          </Stack>
          {error && <Alert severity="error">{error}</Alert>}
        </Stack>
      </CardContent>
      <Dialog open={preview != null} onClose={() => setPreview(null)} maxWidth="md" fullWidth>
        <DialogTitle>{t('ui.themes.mergeTitle', { source: preview?.source.name, target: preview?.target.name })}</DialogTitle>
        <DialogContent>
          {preview && (
            <Stack spacing={1}>
              <Typography>{t('ui.themes.mergeMoves', { moved: preview.pairsMoved, events: preview.labelEventsMoved })}</Typography>
              {preview.pairsConflicting > 0 && <Alert severity="warning">{t('ui.themes.mergeConflicts', { count: preview.pairsConflicting })}</Alert>}
              <Table size="small">
                <TableBody>
                  {preview.sample.map((pair) => (
                    <TableRow key={pair.pairId}>
                      <TableCell>{pair.title}</TableCell>
                      <TableCell>
                        <LevelChip level={parseLevel(pair.level)} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Stack>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setPreview(null)}>{t('ui.common.cancel')}</Button>
          <Button
            variant="contained"
            color="warning"
            onClick={() =>
              void act(async () => {
                await callApi(client, 'themes.merge', { sourceThemeId: theme.id, targetThemeId: preview!.target.id });
                setPreview(null);
              })
            }
          >
            {t('ui.themes.mergeConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
}

export function ThemesScreen({ onDataChanged }: { onDataChanged(): void }) {
  const { t } = useTranslation();
  const client = useApi();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [uf, setUf] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const themes = useQuery(() => callApi(client, 'themes.list', { includeArchived }), [client, includeArchived]);

  const all = themes.data ?? [];
  const ufs = useMemo(() => [...new Set(all.map((theme) => theme.uf ?? ''))].sort(), [all]);
  const folded = search.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const matching = all.filter(
    (theme) =>
      (uf == null || (theme.uf ?? '') === uf) &&
      (folded === '' || theme.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().includes(folded)),
  );
  const selected = all.find((theme) => theme.id === selectedId) ?? null;

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {t('ui.nav.themes')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Autocomplete
          size="small"
          sx={{ width: 220 }}
          options={ufs}
          value={uf}
          getOptionLabel={(option) => (option === '' ? t('ui.theme.national') : option)}
          onChange={(_, value) => setUf(value)}
          renderInput={(params) => <TextField {...params} label={t('ui.themes.state')} />}
        />
        <TextField label={t('ui.themes.search')} value={search} onChange={(event) => setSearch(event.target.value)} sx={{ width: 320 }} />
        <FormControlLabel control={<Switch checked={includeArchived} onChange={(event) => setIncludeArchived(event.target.checked)} />} label={t('ui.themes.showArchived')} />
        <Typography color="text.secondary">{t('ui.themes.count', { count: matching.length })}</Typography>
      </Stack>
      <Stack direction={{ xs: 'column', lg: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <Card variant="outlined" sx={{ flex: 3, maxHeight: '70vh', overflow: 'auto', width: '100%' }}>
          <Table size="small" stickyHeader data-testid="themes-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('ui.themes.name')}</TableCell>
                <TableCell>{t('ui.themes.state')}</TableCell>
                <TableCell>{t('ui.themes.keywords')}</TableCell>
                <TableCell align="right">{t('ui.themes.pairs')}</TableCell>
                <TableCell align="right">{t('ui.themes.labelled')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {matching.slice(0, MAX_ROWS).map((theme) => (
                <TableRow
                  key={theme.id}
                  hover
                  selected={theme.id === selectedId}
                  tabIndex={0}
                  onClick={() => setSelectedId(theme.id)}
                  onKeyDown={(event) => event.key === 'Enter' && setSelectedId(theme.id)}
                  sx={{ cursor: 'pointer', opacity: theme.archivedAt ? 0.5 : 1 }}
                >
                  <TableCell>{theme.name}</TableCell>
                  <TableCell>{theme.uf ?? t('ui.theme.national')}</TableCell>
                  <TableCell>{theme.keywords.length}</TableCell>
                  <TableCell align="right">{theme.pairs.toLocaleString()}</TableCell>
                  <TableCell align="right">{theme.labelledPairs.toLocaleString()}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {matching.length > MAX_ROWS && (
            <Typography variant="caption" sx={{ p: 1, display: 'block' }}>
              {t('ui.themes.narrowDown', { shown: MAX_ROWS, total: matching.length })}
            </Typography>
          )}
        </Card>
        <Stack sx={{ flex: 2, width: '100%' }}>
          {selected ? (
            <ThemeEditor
              theme={selected}
              themes={all}
              onChanged={() => {
                themes.reload();
                onDataChanged();
              }}
            />
          ) : (
            <Alert severity="info">{t('ui.themes.pick')}</Alert>
          )}
        </Stack>
      </Stack>
    </Stack>
  );
}
