// The Models screen: "Retreinar", the version list with quality, time, memory and energy figures,
// activation and roll back, a comparison of two versions, charts of the selected version, and the
// encoders with the execution provider in use.

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ModelComparison, ModelVersionSummary } from '../../../shared/api';
import { LEVELS } from '../../../shared/levels';
import { callApi, errorText, useApi } from '../../app/ApiContext';
import { LEVEL_COLOURS } from '../../app/theme';
import { BarChart, ConfusionMatrix } from '../../components/charts';
import { useQuery } from '../../hooks/useQuery';
import { apiRetrainBackend } from './apiBackends';
import { EncodersCard } from './EncodersCard';
import { formatBytes, formatEnergy, formatScore, formatSeconds } from './format';
import { RetrainSection } from './RetrainSection';

function VersionsTable({
  versions,
  selected,
  onSelect,
  onActivate,
}: {
  versions: ModelVersionSummary[];
  selected: number | null;
  onSelect(id: number): void;
  onActivate(id: number): void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <Table size="small" data-testid="model-versions">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>{t('ui.models.version')}</TableCell>
          <TableCell>{t('ui.models.created')}</TableCell>
          <TableCell align="right">{t('ui.models.accuracy')}</TableCell>
          <TableCell align="right">{t('ui.models.macroF1')}</TableCell>
          {LEVELS.map((level) => (
            <TableCell key={level} align="right">
              F1 {t(`level.${level}`)}
            </TableCell>
          ))}
          <TableCell align="right">{t('ui.models.altaVsRest')}</TableCell>
          <TableCell align="right">{t('ui.models.trainTime')}</TableCell>
          <TableCell align="right">{t('ui.models.memory')}</TableCell>
          <TableCell align="right">{t('ui.models.energy')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {versions.map((version) => (
          <TableRow key={version.id} selected={version.id === selected} data-version={version.name}>
            <TableCell padding="checkbox">
              <Radio checked={version.id === selected} onChange={() => onSelect(version.id)} slotProps={{ input: { 'aria-label': version.name } }} />
            </TableCell>
            <TableCell>
              {version.name} {version.active && <Chip size="small" color="success" label={t('ui.models.active')} />}
            </TableCell>
            <TableCell>{new Date(version.createdAt).toLocaleString(locale)}</TableCell>
            <TableCell align="right">{formatScore(version.metrics.accuracy, locale)}</TableCell>
            <TableCell align="right">{formatScore(version.metrics.macroF1, locale)}</TableCell>
            {LEVELS.map((level) => (
              <TableCell key={level} align="right">
                {formatScore(version.metrics.perLevel[level]?.f1, locale)}
              </TableCell>
            ))}
            <TableCell align="right">{formatScore(version.metrics.altaVsRestF1, locale)}</TableCell>
            <TableCell align="right">{formatSeconds(version.resources.trainSeconds, locale)}</TableCell>
            <TableCell align="right">{formatBytes(version.resources.peakMemoryBytes, locale)}</TableCell>
            <TableCell align="right" title={version.resources.energyMethod ?? undefined}>
              {formatEnergy(version.resources.energyKwh, locale)}
            </TableCell>
            <TableCell>
              {!version.active && (
                <Button size="small" onClick={() => onActivate(version.id)}>
                  {t('ui.models.activate')}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function VersionCharts({ version }: { version: ModelVersionSummary }) {
  const { t } = useTranslation();
  const perTheme = [...version.metrics.perTheme].sort((a, b) => b.support - a.support).slice(0, 15);
  return (
    <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {version.metrics.confusion && (
        <Stack>
          <Typography variant="subtitle2">{t('ui.models.confusion')}</Typography>
          <ConfusionMatrix matrix={version.metrics.confusion} title={t('ui.models.confusion')} />
        </Stack>
      )}
      <Stack>
        <Typography variant="subtitle2">{t('ui.models.perLevelF1')}</Typography>
        <BarChart
          title={t('ui.models.perLevelF1')}
          labelWidth={80}
          bars={LEVELS.map((level) => ({ label: t(`level.${level}`), value: version.metrics.perLevel[level]?.f1 ?? 0, colour: LEVEL_COLOURS[level] }))}
        />
      </Stack>
      {perTheme.length > 0 && (
        <Stack>
          <Typography variant="subtitle2">{t('ui.models.perThemeF1')}</Typography>
          <BarChart
            title={t('ui.models.perThemeF1')}
            labelWidth={220}
            bars={perTheme.map((theme) => ({ label: theme.name, value: theme.f1, note: t('ui.models.support', { count: theme.support }) }))}
          />
        </Stack>
      )}
      <Typography variant="caption" color="text.secondary" sx={{ width: '100%' }}>
        {t('ui.models.evaluatedOn', { count: version.metrics.evaluatedOn ?? 0 })}
      </Typography>
    </Stack>
  );
}

function Compare({ versions }: { versions: ModelVersionSummary[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const client = useApi();
  const [a, setA] = useState<number | ''>('');
  const [b, setB] = useState<number | ''>('');
  const [result, setResult] = useState<ModelComparison | null>(null);
  const [error, setError] = useState<string | null>(null);

  const compare = async (): Promise<void> => {
    if (a === '' || b === '') return;
    try {
      setResult(await callApi(client, 'model.compare', { a, b }));
      setError(null);
    } catch (caught) {
      setError(errorText(caught, t));
    }
  };

  const picker = (label: string, value: number | '', set: (id: number) => void) => (
    <FormControl sx={{ minWidth: 160 }}>
      <InputLabel id={`compare-${label}`}>{label}</InputLabel>
      <Select labelId={`compare-${label}`} label={label} value={value} onChange={(event) => set(Number(event.target.value))}>
        {versions.map((version) => (
          <MenuItem key={version.id} value={version.id}>
            {version.name}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );

  return (
    <Stack spacing={1}>
      <Typography variant="subtitle1">{t('ui.models.compare')}</Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        {picker('A', a, setA)}
        {picker('B', b, setB)}
        <Button variant="outlined" disabled={a === '' || b === '' || a === b} onClick={() => void compare()}>
          {t('ui.models.compareButton')}
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {result && (
        <Stack spacing={1}>
          <Typography variant="body2">
            {t('ui.models.compareSummary', { both: result.predictedByBoth, changed: result.changed })}
          </Typography>
          <Table size="small" sx={{ maxWidth: 520 }}>
            <TableHead>
              <TableRow>
                <TableCell />
                <TableCell align="right">{result.a.name}</TableCell>
                <TableCell align="right">{result.b.name}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              <TableRow>
                <TableCell>{t('ui.models.accuracy')}</TableCell>
                <TableCell align="right">{formatScore(result.a.metrics.accuracy, locale)}</TableCell>
                <TableCell align="right">{formatScore(result.b.metrics.accuracy, locale)}</TableCell>
              </TableRow>
              <TableRow>
                <TableCell>{t('ui.models.macroF1')}</TableCell>
                <TableCell align="right">{formatScore(result.a.metrics.macroF1, locale)}</TableCell>
                <TableCell align="right">{formatScore(result.b.metrics.macroF1, locale)}</TableCell>
              </TableRow>
              {LEVELS.map((level) => (
                <TableRow key={level}>
                  <TableCell>F1 {t(`level.${level}`)}</TableCell>
                  <TableCell align="right">{formatScore(result.a.metrics.perLevel[level]?.f1, locale)}</TableCell>
                  <TableCell align="right">{formatScore(result.b.metrics.perLevel[level]?.f1, locale)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {result.transitions.length > 0 && (
            <Typography variant="body2">
              {result.transitions.map((move) => `${t(`level.${move.from}`)} → ${t(`level.${move.to}`)}: ${move.count}`).join(' · ')}
            </Typography>
          )}
        </Stack>
      )}
    </Stack>
  );
}

export function ModelsScreen({ onDataChanged }: { onDataChanged(): void }) {
  const { t } = useTranslation();
  const client = useApi();
  const versions = useQuery(() => callApi(client, 'model.versions', {}), [client]);
  const backend = useMemo(() => apiRetrainBackend(client), [client]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const list = versions.data ?? [];
  const selected = list.find((version) => version.id === selectedId) ?? list.find((version) => version.active) ?? list[0] ?? null;

  const activate = async (versionId: number): Promise<void> => {
    try {
      await callApi(client, 'model.activate', { versionId });
      setError(null);
      versions.reload();
      onDataChanged();
    } catch (caught) {
      setError(errorText(caught, t));
    }
  };

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {t('ui.nav.models')}
      </Typography>
      <RetrainSection
        backend={backend}
        onReady={() => {
          versions.reload();
          onDataChanged();
        }}
      />
      {error && <Alert severity="error">{error}</Alert>}
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>
            {t('ui.models.versions')}
          </Typography>
          {list.length === 0 && !versions.loading && <Alert severity="info">{t('ui.models.noVersions')}</Alert>}
          {list.length > 0 && (
            <Stack sx={{ overflowX: 'auto' }}>
              <VersionsTable versions={list} selected={selected?.id ?? null} onSelect={setSelectedId} onActivate={(id) => void activate(id)} />
            </Stack>
          )}
        </CardContent>
      </Card>
      {selected && (
        <Card variant="outlined">
          <CardContent>
            <Typography variant="subtitle1" gutterBottom>
              {t('ui.models.chartsOf', { version: selected.name })}
            </Typography>
            <VersionCharts version={selected} />
          </CardContent>
        </Card>
      )}
      {list.length >= 2 && (
        <Card variant="outlined">
          <CardContent>
            <Compare versions={list} />
          </CardContent>
        </Card>
      )}
      <EncodersCard />
    </Stack>
  );
}
