// The Pairs filter: every field of PairFilter as a control. Choices come from the facets of the
// whole corpus (values with their pair counts); free text is applied after a short pause in typing.

import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Slider from '@mui/material/Slider';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { LEVEL_FILTER_VALUES, LEVEL_ORIGINS, type LevelFilterValue, type LevelOrigin, type PairFacets, type PairFilter } from '../../../shared/filters';

const SEARCH_DELAY_MS = 250;

interface FilterPanelProps {
  filter: PairFilter;
  facets: PairFacets | undefined;
  onChange(filter: PairFilter): void;
  /** Called when the person first focuses or points at a drop-down filter. */
  onNeedFacets(): void;
}

/** Sets a field, dropping it when empty so the filter stays minimal (and saved views stay short). */
function withField<K extends keyof PairFilter>(filter: PairFilter, key: K, value: PairFilter[K] | undefined): PairFilter {
  const next = { ...filter };
  if (value == null || (Array.isArray(value) && value.length === 0) || value === '') delete next[key];
  else next[key] = value;
  return next;
}

function MultiFacet<T extends string | number>({
  label,
  options,
  value,
  optionLabel,
  onChange,
  testId,
}: {
  label: string;
  options: { value: T; count: number }[];
  value: T[];
  optionLabel(value: T): string;
  onChange(value: T[]): void;
  testId: string;
}) {
  const selected = options.filter((option) => value.includes(option.value));
  return (
    <Autocomplete
      multiple
      size="small"
      options={options}
      value={selected}
      data-testid={testId}
      isOptionEqualToValue={(a, b) => a.value === b.value}
      getOptionLabel={(option) => `${optionLabel(option.value)} (${option.count.toLocaleString()})`}
      onChange={(_, chosen) => onChange(chosen.map((option) => option.value))}
      renderInput={(params) => <TextField {...params} label={label} />}
      sx={{ minWidth: 200, flex: 1 }}
      limitTags={2}
    />
  );
}

/** Renders a year box that applies only complete years, so typing "202" on the way to 2023 sends nothing. */
function YearField({ label, value, onCommit }: { label: string; value: number | undefined; onCommit(year: number | undefined): void }) {
  const [text, setText] = useState(value == null ? '' : String(value));
  useEffect(() => setText(value == null ? '' : String(value)), [value]);
  return (
    <TextField
      label={label}
      value={text}
      onChange={(event) => {
        const next = event.target.value.replace(/\D/g, '').slice(0, 4);
        setText(next);
        if (next === '') onCommit(undefined);
        else if (next.length === 4 && Number(next) >= 1900 && Number(next) <= 2200) onCommit(Number(next));
      }}
      slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      sx={{ width: 110 }}
    />
  );
}

export function FilterPanel({ filter, facets, onChange, onNeedFacets }: FilterPanelProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filter.search ?? '');
  const [confidence, setConfidence] = useState<number[]>([filter.confidence?.min ?? 0, filter.confidence?.max ?? 1]);

  useEffect(() => setSearch(filter.search ?? ''), [filter.search]);

  useEffect(() => {
    if ((filter.search ?? '') === search.trim()) return undefined;
    const timer = setTimeout(() => onChange(withField(filter, 'search', search.trim())), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, filter, onChange]);

  const themeNames = new Map(facets?.themes.map((theme) => [theme.value, theme.name]) ?? []);
  let disagreement: 'any' | 'yes' | 'no' = 'any';
  if (filter.disagreement === true) disagreement = 'yes';
  if (filter.disagreement === false) disagreement = 'no';

  return (
    <Stack spacing={1.5} data-testid="filter-panel">
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }}>
        <TextField
          label={t('ui.filter.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          sx={{ minWidth: 280, flex: 2 }}
          slotProps={{ htmlInput: { 'data-testid': 'filter-search' } }}
        />
        <ToggleButtonGroup
          size="small"
          value={filter.levels ?? []}
          onChange={(_, levels: LevelFilterValue[]) => onChange(withField(filter, 'levels', levels))}
          aria-label={t('ui.filter.levels')}
        >
          {LEVEL_FILTER_VALUES.map((level) => (
            <ToggleButton key={level} value={level} data-testid={`filter-level-${level}`}>
              {level === 'none' ? t('ui.level.none') : t(`level.${level}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <FormControl sx={{ minWidth: 200 }}>
          <InputLabel id="filter-disagreement">{t('ui.filter.disagreement')}</InputLabel>
          <Select
            labelId="filter-disagreement"
            label={t('ui.filter.disagreement')}
            value={disagreement}
            onChange={(event) => {
              const value = event.target.value;
              onChange(withField(filter, 'disagreement', value === 'any' ? undefined : value === 'yes'));
            }}
          >
            <MenuItem value="any">{t('ui.filter.disagreement.any')}</MenuItem>
            <MenuItem value="yes">{t('ui.filter.disagreement.yes')}</MenuItem>
            <MenuItem value="no">{t('ui.filter.disagreement.no')}</MenuItem>
          </Select>
        </FormControl>
        <Button onClick={() => onChange({})}>{t('ui.filter.clear')}</Button>
      </Stack>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} onFocusCapture={onNeedFacets} onMouseEnter={onNeedFacets}>
        <MultiFacet
          label={t('ui.filter.ufs')}
          testId="filter-ufs"
          options={facets?.ufs ?? []}
          value={filter.ufs ?? []}
          optionLabel={(value) => value}
          onChange={(value) => onChange(withField(filter, 'ufs', value))}
        />
        <MultiFacet
          label={t('ui.filter.themes')}
          testId="filter-themes"
          options={facets?.themes ?? []}
          value={filter.themeIds ?? []}
          optionLabel={(value) => themeNames.get(value) ?? String(value)}
          onChange={(value) => onChange(withField(filter, 'themeIds', value))}
        />
        <MultiFacet
          label={t('ui.filter.macroThemes')}
          testId="filter-macro"
          options={facets?.macroThemes ?? []}
          value={filter.macroThemes ?? []}
          optionLabel={(value) => value}
          onChange={(value) => onChange(withField(filter, 'macroThemes', value))}
        />
        <Autocomplete
          multiple
          size="small"
          options={[...LEVEL_ORIGINS]}
          value={filter.sources ?? []}
          getOptionLabel={(origin: LevelOrigin) => t(`ui.origin.${origin}`)}
          onChange={(_, value) => onChange(withField(filter, 'sources', value))}
          renderInput={(params) => <TextField {...params} label={t('ui.filter.sources')} />}
          sx={{ minWidth: 200, flex: 1 }}
        />
      </Stack>
      <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'center' }} onFocusCapture={onNeedFacets} onMouseEnter={onNeedFacets}>
        <MultiFacet
          label={t('ui.filter.programmes')}
          testId="filter-programmes"
          options={facets?.programmes ?? []}
          value={filter.programmes ?? []}
          optionLabel={(value) => value}
          onChange={(value) => onChange(withField(filter, 'programmes', value))}
        />
        <MultiFacet
          label={t('ui.filter.areas')}
          testId="filter-areas"
          options={facets?.areas ?? []}
          value={filter.areas ?? []}
          optionLabel={(value) => value}
          onChange={(value) => onChange(withField(filter, 'areas', value))}
        />
        <YearField
          label={t('ui.filter.yearFrom')}
          value={filter.years?.from}
          onCommit={(from) => {
            const years = { ...filter.years, from };
            onChange(withField(filter, 'years', years.from == null && years.to == null ? undefined : years));
          }}
        />
        <YearField
          label={t('ui.filter.yearTo')}
          value={filter.years?.to}
          onCommit={(to) => {
            const years = { ...filter.years, to };
            onChange(withField(filter, 'years', years.from == null && years.to == null ? undefined : years));
          }}
        />
        <Stack sx={{ width: 220, px: 1 }}>
          <Typography variant="caption" id="filter-confidence">
            {t('ui.filter.confidence', { min: Math.round(confidence[0] * 100), max: Math.round(confidence[1] * 100) })}
          </Typography>
          <Slider
            size="small"
            value={confidence}
            min={0}
            max={1}
            step={0.05}
            aria-labelledby="filter-confidence"
            onChange={(_, value) => setConfidence(value as number[])}
            onChangeCommitted={(_, value) => {
              const [min, max] = value as number[];
              onChange(withField(filter, 'confidence', min === 0 && max === 1 ? undefined : { min, max }));
            }}
          />
        </Stack>
      </Stack>
    </Stack>
  );
}
