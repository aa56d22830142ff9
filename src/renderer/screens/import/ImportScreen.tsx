// Import guide: what to import in which order (theses, theme catalogue, labelled pairs), file
// picking or drag and drop, one progress bar per file, the rows each import skipped with line,
// column and reason, and a pairing skipped over the pair limit. An empty database opens the app
// here.

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { IMPORT_KINDS, type ImportKind, type ImportReport } from '../../../shared/api';
import { callApi, errorText, useApi } from '../../app/ApiContext';
import { JobProgress } from '../../components/JobProgress';
import { useJob } from '../../hooks/useJob';
import { SkippedPairing } from './SkippedPairing';

interface QueuedFile {
  key: number;
  file: File;
  kind: ImportKind | 'auto';
}

/** Skipped rows shown on screen; the full list stays in the import's record. */
const REPORT_LIMIT = 200;

function ImportRun({ entry, onFinished }: { entry: QueuedFile; onFinished(): void }) {
  const { t, i18n } = useTranslation();
  const client = useApi();
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const job = useJob(jobId);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const registered = await client.registerFile(entry.file);
        if (!registered.ok) throw Object.assign(new Error(registered.error.message), registered.error);
        const kind = entry.kind === 'auto' ? undefined : entry.kind;
        const run = await callApi(client, 'corpus.import', { handle: registered.data.handle, kind });
        setJobId(run.jobId);
      } catch (caught) {
        setError(errorText(caught, t));
      }
    })();
  }, [client, entry, t]);

  const final = job.final;
  useEffect(() => {
    if (!final) return;
    if (final.state === 'done') {
      const importId = Number(final.result?.importId);
      if (Number.isInteger(importId) && importId > 0) {
        void callApi(client, 'imports.report', { importId, limit: REPORT_LIMIT }).then(setReport, (caught: unknown) => setError(errorText(caught, t)));
      }
      onFinished();
    } else if (final.error) {
      setError(final.error.message);
    }
    // onFinished is left out of the dependencies: it belongs to the parent and must run once per job.
  }, [final, client, t]);

  return (
    <Card variant="outlined" data-testid="import-run" data-state={final?.state ?? (error ? 'failed' : 'running')}>
      <CardContent>
        <Stack spacing={1}>
          <Typography variant="subtitle1">{entry.file.name}</Typography>
          {!final && !error && <JobProgress job={job} label={t('ui.import.importing')} />}
          {error && <Alert severity="error">{error}</Alert>}
          {final?.state === 'cancelled' && <Alert severity="warning">{t('error.cancelled')}</Alert>}
          {report && (
            <>
              <Alert severity={report.rowsSkipped > 0 ? 'warning' : 'success'} data-testid="import-summary">
                {t('ui.import.summary', {
                  count: report.rowsSkipped,
                  read: report.rowsRead.toLocaleString(i18n.language),
                  imported: report.rowsImported.toLocaleString(i18n.language),
                  skipped: report.rowsSkipped.toLocaleString(i18n.language),
                })}
                {/* Pairing with national themes can add hundreds of thousands of pairs, so the count is shown. */}
                {Number.isInteger(final?.result?.pairsCreated) &&
                  ` ${t('ui.import.pairsCreated', { count: Number(final?.result?.pairsCreated), formatted: Number(final?.result?.pairsCreated).toLocaleString(i18n.language) })}`}
              </Alert>
              {Number.isInteger(final?.result?.pairsWouldCreate) && (
                <SkippedPairing
                  wouldCreate={Number(final?.result?.pairsWouldCreate)}
                  limit={Number(final?.result?.pairingLimit)}
                  nationalThemes={Number(final?.result?.nationalThemes)}
                />
              )}
              {report.skipped.length > 0 && (
                <Box sx={{ maxHeight: 240, overflow: 'auto' }} tabIndex={0} aria-label={t('ui.import.skippedRows')}>
                  <Table size="small" stickyHeader>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t('ui.import.line')}</TableCell>
                        <TableCell>{t('ui.import.column')}</TableCell>
                        <TableCell>{t('ui.import.reason')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {report.skipped.map((row, i) => (
                        <TableRow key={i} data-testid="skipped-row">
                          <TableCell>{row.line ?? '—'}</TableCell>
                          <TableCell>{row.column ?? '—'}</TableCell>
                          <TableCell>
                            {row.message || row.reason}
                            {row.detail && ` (${row.detail})`}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                  {report.rowsSkipped > report.skipped.length && (
                    <Typography variant="caption">{t('ui.import.moreSkipped', { count: report.rowsSkipped - report.skipped.length })}</Typography>
                  )}
                </Box>
              )}
            </>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

export function ImportScreen({ firstRun, onImported }: { firstRun: boolean; onImported(): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ImportKind | 'auto'>('auto');
  const [runs, setRuns] = useState<QueuedFile[]>([]);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);

  const add = useCallback(
    (files: FileList | File[]) => {
      const list = [...files].map((file) => ({ key: nextKey.current++, file, kind }));
      setRuns((previous) => [...list, ...previous]);
    },
    [kind],
  );

  const drop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    setDragging(false);
    if (event.dataTransfer.files.length > 0) add(event.dataTransfer.files);
  };

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        {firstRun ? t('ui.import.welcome') : t('ui.import.title')}
      </Typography>
      {firstRun && <Alert severity="info">{t('ui.import.emptyDatabase')}</Alert>}
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle1" gutterBottom>
            {t('ui.import.guideTitle')}
          </Typography>
          <ol style={{ margin: 0, paddingLeft: 20 }}>
            <li>
              <Typography variant="body2">{t('ui.import.step.theses')}</Typography>
            </li>
            <li>
              <Typography variant="body2">{t('ui.import.step.themes')}</Typography>
            </li>
            <li>
              <Typography variant="body2">{t('ui.import.step.labels')}</Typography>
            </li>
          </ol>
        </CardContent>
      </Card>
      <Box
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        data-testid="drop-zone"
        sx={{
          border: '2px dashed',
          borderColor: dragging ? 'primary.main' : 'divider',
          bgcolor: dragging ? 'action.hover' : 'background.paper',
          borderRadius: 2,
          p: 4,
          textAlign: 'center',
        }}
      >
        <Stack spacing={2} sx={{ alignItems: 'center' }}>
          <UploadFileIcon fontSize="large" color="action" />
          <Typography>{t('ui.import.dropHere')}</Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <FormControl sx={{ minWidth: 260 }}>
              <InputLabel id="import-kind">{t('ui.import.kind')}</InputLabel>
              <Select labelId="import-kind" label={t('ui.import.kind')} value={kind} onChange={(event) => setKind(event.target.value as ImportKind | 'auto')}>
                <MenuItem value="auto">{t('ui.import.kind.auto')}</MenuItem>
                {IMPORT_KINDS.map((value) => (
                  <MenuItem key={value} value={value}>
                    {t(`ui.import.kind.${value}`)}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <Button variant="contained" onClick={() => inputRef.current?.click()}>
              {t('ui.import.choose')}
            </Button>
          </Stack>
          <input
            ref={inputRef}
            type="file"
            multiple
            hidden
            data-testid="import-input"
            accept=".csv,.tsv,.txt,.xlsx,.parquet"
            onChange={(event) => {
              if (event.target.files) add(event.target.files);
              event.target.value = '';
            }}
          />
          <Typography variant="caption" color="text.secondary">
            {t('ui.import.formats')}
          </Typography>
        </Stack>
      </Box>
      {runs.map((entry) => (
        <ImportRun key={entry.key} entry={entry} onFinished={onImported} />
      ))}
    </Stack>
  );
}
