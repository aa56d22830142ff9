// Encoders: the installed ones with the active choice, install from a folder or archive, download
// from the catalogue (the only network access, started by the person), and execution providers.

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { callApi, errorText, useApi } from '../../app/ApiContext';
import { JobProgress } from '../../components/JobProgress';
import { useJob } from '../../hooks/useJob';
import { useQuery } from '../../hooks/useQuery';
import { formatBytes } from './format';

export function EncodersCard() {
  const { t, i18n } = useTranslation();
  const client = useApi();
  const encoders = useQuery(() => callApi(client, 'encoders.list', {}), [client]);
  const catalogue = useQuery(() => callApi(client, 'encoders.catalogue', {}), [client]);
  const providers = useQuery(() => callApi(client, 'encoders.providers', {}), [client]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJob(jobId);
  const inputRef = useRef<HTMLInputElement>(null);
  const reloadEncoders = encoders.reload;
  const reloadCatalogue = catalogue.reload;

  useEffect(() => {
    if (!job.final) return;
    if (job.final.error) setError(job.final.error.message);
    setJobId(null);
    reloadEncoders();
    reloadCatalogue();
  }, [job.final, reloadEncoders, reloadCatalogue]);

  const run = async (start: () => Promise<{ jobId: string }>): Promise<void> => {
    try {
      setError(null);
      setJobId((await start()).jobId);
    } catch (caught) {
      setError(errorText(caught, t));
    }
  };

  const install = async (file: File): Promise<void> => {
    const registered = await client.registerFile(file);
    if (!registered.ok) {
      setError(registered.error.message);
      return;
    }
    await run(() => callApi(client, 'encoders.install', { handle: registered.data.handle }));
  };

  const activate = async (encoderId: string | null): Promise<void> => {
    try {
      await callApi(client, 'encoders.activate', { encoderId });
      encoders.reload();
      providers.reload();
    } catch (caught) {
      setError(errorText(caught, t));
    }
  };

  const active = encoders.data?.find((encoder) => encoder.active)?.id ?? '';
  const inUse = providers.data?.find((provider) => provider.inUse);

  return (
    <Card variant="outlined">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="subtitle1">{t('ui.encoders.title')}</Typography>
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <FormControl sx={{ minWidth: 280 }}>
              <InputLabel id="encoder-choice">{t('ui.encoders.active')}</InputLabel>
              <Select labelId="encoder-choice" label={t('ui.encoders.active')} value={active} onChange={(event) => void activate(event.target.value === '' ? null : String(event.target.value))}>
                <MenuItem value="">{t('ui.encoders.lexicalOnly')}</MenuItem>
                {(encoders.data ?? []).map((encoder) => (
                  <MenuItem key={encoder.id} value={encoder.id}>
                    {encoder.name} {encoder.dimensions ? `(${encoder.dimensions})` : ''}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <Button variant="outlined" onClick={() => inputRef.current?.click()} disabled={jobId != null}>
              {t('ui.encoders.install')}
            </Button>
            <input ref={inputRef} type="file" hidden accept=".zip,.onnx,.tar,.gz" onChange={(event) => event.target.files?.[0] && void install(event.target.files[0])} />
            <Typography variant="body2" data-testid="execution-provider">
              {t('ui.encoders.providerInUse', { provider: inUse?.name ?? t('ui.common.none') })}
            </Typography>
            {(providers.data ?? []).map((provider) => (
              <Chip key={provider.name} size="small" label={provider.name} color={provider.inUse ? 'success' : 'default'} variant={provider.available ? 'filled' : 'outlined'} />
            ))}
          </Stack>
          {jobId && <JobProgress job={job} label={t('ui.encoders.working')} />}
          {error && <Alert severity="error">{error}</Alert>}
          {(catalogue.data ?? []).length > 0 && (
            <Stack spacing={1}>
              <Typography variant="subtitle2">{t('ui.encoders.catalogue')}</Typography>
              {(catalogue.data ?? []).map((entry) => (
                <Stack key={entry.repoId} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
                  <Typography variant="body2" sx={{ flex: 1 }}>
                    <strong>{entry.name}</strong> · {entry.description} · {formatBytes(entry.sizeBytes, i18n.language)}
                  </Typography>
                  {entry.installed ? (
                    <Chip size="small" label={t('ui.encoders.installed')} />
                  ) : (
                    <Button size="small" disabled={jobId != null} onClick={() => void run(() => callApi(client, 'encoders.download', { repoId: entry.repoId }))}>
                      {t('ui.encoders.download')}
                    </Button>
                  )}
                </Stack>
              ))}
            </Stack>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}
