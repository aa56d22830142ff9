// The Pairs screen: filters, the pair count, saved views, the column chooser and the virtualised
// table. The filter lives in the app shell, so Review and Export work on the same pairs.

import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import IconButton from '@mui/material/IconButton';
import InputLabel from '@mui/material/InputLabel';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/Delete';
import ViewColumnIcon from '@mui/icons-material/ViewColumn';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { SavedView } from '../../../shared/api';
import type { PairFilter, PairRow, PairSort } from '../../../shared/filters';
import { callApi, useApi } from '../../app/ApiContext';
import { useQuery } from '../../hooks/useQuery';
import { PAIR_COLUMNS } from './columns';
import { FilterPanel } from './FilterPanel';

// The filter controls re-render only when the filter or the facets change, not on every count or
// page that arrives for the table.
const MemoFilterPanel = memo(FilterPanel);
import { PairsTable } from './PairsTable';

export interface PairsViewState {
  filter: PairFilter;
  sort: PairSort;
  columns: string[];
}

interface PairsScreenProps {
  view: PairsViewState;
  onViewChange(view: PairsViewState): void;
  onOpenPair?(row: PairRow): void;
  /** Changes when data changed elsewhere (an import, labels), to refetch counts and facets. */
  dataKey: string;
}

function ColumnChooser({ columns, onChange }: { columns: string[]; onChange(columns: string[]): void }) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const toggle = (key: string): void => {
    if (columns.includes(key)) onChange(columns.filter((column) => column !== key));
    else onChange(PAIR_COLUMNS.map((column) => column.key).filter((candidate) => candidate === key || columns.includes(candidate)));
  };
  return (
    <>
      <Button startIcon={<ViewColumnIcon />} onClick={(event) => setAnchor(event.currentTarget)} aria-haspopup="menu">
        {t('ui.pairs.columns')}
      </Button>
      <Menu anchorEl={anchor} open={anchor != null} onClose={() => setAnchor(null)}>
        {PAIR_COLUMNS.map((column) => (
          <MenuItem key={column.key} onClick={() => toggle(column.key)} dense>
            <Checkbox size="small" checked={columns.includes(column.key)} tabIndex={-1} disableRipple />
            <ListItemText>{t(`ui.column.${column.key}`)}</ListItemText>
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

function SavedViews({ view, onApply }: { view: PairsViewState; onApply(view: PairsViewState): void }) {
  const { t } = useTranslation();
  const client = useApi();
  const views = useQuery(() => callApi(client, 'views.list', {}), [client]);
  const [selected, setSelected] = useState<number | ''>('');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  const apply = (id: number): void => {
    const saved = views.data?.find((candidate: SavedView) => candidate.id === id);
    if (!saved) return;
    setSelected(id);
    onApply({ filter: saved.filter, sort: saved.sort, columns: saved.columns.length > 0 ? saved.columns : view.columns });
  };

  const save = async (): Promise<void> => {
    const saved = await callApi(client, 'views.save', { name, filter: view.filter, sort: view.sort, columns: view.columns });
    setNaming(false);
    setName('');
    views.reload();
    setSelected(saved.id);
  };

  const remove = async (): Promise<void> => {
    if (selected === '') return;
    await callApi(client, 'views.delete', { id: selected });
    setSelected('');
    views.reload();
  };

  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <FormControl sx={{ minWidth: 200 }}>
        <InputLabel id="saved-views">{t('ui.pairs.savedViews')}</InputLabel>
        <Select labelId="saved-views" label={t('ui.pairs.savedViews')} value={selected} onChange={(event) => apply(Number(event.target.value))}>
          {(views.data ?? []).length === 0 && (
            <MenuItem value="" disabled>
              {t('ui.pairs.noSavedViews')}
            </MenuItem>
          )}
          {(views.data ?? []).map((saved) => (
            <MenuItem key={saved.id} value={saved.id}>
              {saved.name}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <Button onClick={() => setNaming(true)}>{t('ui.pairs.saveView')}</Button>
      <Tooltip title={t('ui.pairs.deleteView')}>
        <span>
          <IconButton aria-label={t('ui.pairs.deleteView')} onClick={() => void remove()} disabled={selected === ''}>
            <DeleteIcon />
          </IconButton>
        </span>
      </Tooltip>
      <Dialog open={naming} onClose={() => setNaming(false)}>
        <DialogTitle>{t('ui.pairs.saveView')}</DialogTitle>
        <DialogContent>
          <TextField autoFocus fullWidth label={t('ui.pairs.viewName')} value={name} onChange={(event) => setName(event.target.value)} sx={{ mt: 1 }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setNaming(false)}>{t('ui.common.cancel')}</Button>
          <Button variant="contained" disabled={name.trim() === ''} onClick={() => void save()}>
            {t('ui.common.save')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}

export function PairsScreen({ view, onViewChange, onOpenPair, dataKey }: PairsScreenProps) {
  const { t } = useTranslation();
  const client = useApi();
  const [count, setCount] = useState<number | null>(null);
  // Facets scan every pair (about 0.3 s at 100,000 pairs), so they load when the person first
  // reaches for a drop-down filter, and never hold up the table or a filter change.
  const [facetsWanted, setFacetsWanted] = useState(false);
  const facets = useQuery(
    () => (facetsWanted ? callApi(client, 'pairs.facets', { filter: {} }) : Promise.resolve(undefined)),
    [client, dataKey, facetsWanted],
  );
  const filterKey = JSON.stringify(view.filter);

  const countedFilter = useRef(filterKey);
  useEffect(() => {
    let live = true;
    // A new filter blanks the count (the table waits for it); a data refresh keeps the old one on screen.
    if (countedFilter.current !== filterKey) setCount(null);
    countedFilter.current = filterKey;
    void callApi(client, 'pairs.count', { filter: view.filter }).then((result) => live && setCount(result.count));
    return () => {
      live = false;
    };
    // filterKey stands for view.filter.
  }, [client, filterKey, dataKey]);

  const viewRef = useRef(view);
  viewRef.current = view;
  const changeFilter = useCallback((filter: PairFilter) => onViewChange({ ...viewRef.current, filter }), [onViewChange]);
  const needFacets = useCallback(() => setFacetsWanted(true), []);

  return (
    <Stack spacing={2} sx={{ height: '100%' }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h5" component="h1">
          {t('ui.nav.pairs')}
        </Typography>
        <Typography color="text.secondary" data-testid="pairs-count">
          {count == null ? t('ui.common.loading') : t('ui.pairs.count', { count, formatted: count.toLocaleString('pt-BR') })}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ ml: 'auto', alignItems: 'center' }}>
          <SavedViews view={view} onApply={onViewChange} />
          <ColumnChooser columns={view.columns} onChange={(columns) => onViewChange({ ...view, columns })} />
        </Stack>
      </Stack>
      <MemoFilterPanel filter={view.filter} facets={facets.data ?? undefined} onNeedFacets={needFacets} onChange={changeFilter} />
      <PairsTable
        filter={view.filter}
        sort={view.sort}
        onSortChange={(sort) => onViewChange({ ...view, sort })}
        columns={view.columns}
        count={count}
        onOpenPair={onOpenPair}
      />
    </Stack>
  );
}
