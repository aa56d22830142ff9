// The Export screen: the pairs of the current Pairs filter as XLSX, or as CSV for Excel in a
// Brazilian locale or an international one, with the options the directors' spreadsheets need.

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { ExportFormat, ExportOptions } from '../../../shared/api';
import { isEmptyFilter, type PairFilter, type PairSort } from '../../../shared/filters';
import { callApi, errorText, useApi } from '../../app/ApiContext';
import { JobProgress } from '../../components/JobProgress';
import { useJob } from '../../hooks/useJob';
import { useQuery } from '../../hooks/useQuery';

const OPTION_KEYS = ['includeAbstract', 'includePrediction', 'includeJustification', 'includeLabelAuthor', 'summarySheet'] as const;

/** 'csv-br' is `;` with decimal commas, as Excel in a Brazilian locale reads it; 'csv-intl' uses `,` and points. */
type FormatChoice = 'xlsx' | 'csv-br' | 'csv-intl';

export function ExportScreen({ filter, sort }: { filter: PairFilter; sort: PairSort }) {
  const { t, i18n } = useTranslation();
  const client = useApi();
  const [format, setFormat] = useState<FormatChoice>('xlsx');
  const [options, setOptions] = useState<ExportOptions>({
    includeAbstract: true,
    includePrediction: true,
    includeJustification: false,
    includeLabelAuthor: true,
    summarySheet: true,
  });
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob(jobId);
  const count = useQuery(() => callApi(client, 'pairs.count', { filter }), [client, JSON.stringify(filter)]);

  const start = async (): Promise<void> => {
    try {
      setError(null);
      const exportFormat: ExportFormat = format === 'xlsx' ? 'xlsx' : 'csv';
      const csvVariant = format === 'csv-intl' ? 'intl' : 'br';
      const started = await callApi(client, 'export.run', { filter, sort, format: exportFormat, csvVariant, options });
      setJobId(started.jobId);
    } catch (caught) {
      setError(errorText(caught, t));
    }
  };

  const openFolder = async (): Promise<void> => {
    if (!jobId) return;
    try {
      await callApi(client, 'export.openFolder', { jobId });
    } catch (caught) {
      setError(errorText(caught, t));
    }
  };

  const total = count.data?.count ?? 0;
  const final = job.final;
  const running = jobId != null && final == null;

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {t('ui.nav.export')}
      </Typography>
      <Alert severity="info" data-testid="export-scope">
        {t(isEmptyFilter(filter) ? 'ui.export.allPairs' : 'ui.export.filteredPairs', { count: total, formatted: total.toLocaleString(i18n.language) })}
      </Alert>
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="subtitle1">{t('ui.export.format')}</Typography>
            <RadioGroup row value={format} onChange={(event) => setFormat(event.target.value as FormatChoice)}>
              <FormControlLabel value="xlsx" control={<Radio />} label={t('ui.export.xlsx')} />
              <FormControlLabel value="csv-br" control={<Radio />} label={t('ui.export.csvBr')} />
              <FormControlLabel value="csv-intl" control={<Radio />} label={t('ui.export.csvIntl')} />
            </RadioGroup>
            <Typography variant="subtitle1">{t('ui.export.options')}</Typography>
            <FormGroup>
              {OPTION_KEYS.map((key) => (
                <FormControlLabel
                  key={key}
                  disabled={key === 'summarySheet' && format !== 'xlsx'}
                  control={<Checkbox checked={options[key]} onChange={(event) => setOptions({ ...options, [key]: event.target.checked })} />}
                  label={t(`ui.export.option.${key}`)}
                />
              ))}
            </FormGroup>
            <Stack direction="row" spacing={2}>
              <Button variant="contained" onClick={() => void start()} disabled={running || count.data?.count === 0} data-testid="export-start">
                {t('ui.export.start')}
              </Button>
              {running && (
                <Button color="error" onClick={() => jobId && void callApi(client, 'jobs.cancel', { jobId })}>
                  {t('ui.common.cancel')}
                </Button>
              )}
            </Stack>
            {running && <JobProgress job={job} label={t('ui.export.running')} />}
            {error && <Alert severity="error">{error}</Alert>}
            {final?.state === 'done' && (
              <Alert
                severity="success"
                data-testid="export-done"
                action={
                  client.transport === 'electron' ? (
                    <Button color="inherit" startIcon={<FolderOpenIcon />} onClick={() => void openFolder()}>
                      {t('ui.export.openFolder')}
                    </Button>
                  ) : undefined
                }
              >
                {t('ui.export.done', {
                  rows: Number(final.result?.rows ?? 0).toLocaleString(i18n.language),
                  // The browser has no "open folder" button, so it shows the whole path on this machine.
                  file: (client.transport === 'electron' ? final.result?.fileName : final.result?.file) ?? '',
                })}
              </Alert>
            )}
            {final && final.state !== 'done' && <Alert severity={final.state === 'cancelled' ? 'warning' : 'error'}>{final.error?.message ?? t('error.cancelled')}</Alert>}
          </Stack>
        </CardContent>
      </Card>
    </Stack>
  );
}
