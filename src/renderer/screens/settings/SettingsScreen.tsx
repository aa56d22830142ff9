// The Settings screen: language, database (open another or create one), model folder,
// execution-provider preference, threads, and the curator name recorded in every label event.

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EXECUTION_PROVIDERS, type AppInfo, type FilePurpose, type Settings, type SettingsPatch } from '../../../shared/api';
import { LOCALES, type Locale } from '../../../shared/i18n';
import { callApi, errorText, useApi } from '../../app/ApiContext';
import { useQuery } from '../../hooks/useQuery';

export function SettingsScreen({ info, onDatabaseChanged }: { info: AppInfo | undefined; onDatabaseChanged(): void }) {
  const { t, i18n } = useTranslation();
  const client = useApi();
  const settings = useQuery(() => callApi(client, 'settings.get', {}), [client]);
  const [curator, setCurator] = useState('');
  const [threads, setThreads] = useState('0');
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const electron = client.transport === 'electron';

  useEffect(() => {
    if (!settings.data) return;
    setCurator(settings.data.curatorName ?? '');
    setThreads(String(settings.data.threads));
  }, [settings.data]);

  const save = async (patch: SettingsPatch): Promise<Settings | null> => {
    try {
      const saved = await callApi(client, 'settings.set', patch);
      setMessage({ severity: 'success', text: t('ui.settings.saved') });
      settings.reload();
      return saved;
    } catch (caught) {
      setMessage({ severity: 'error', text: errorText(caught, t) });
      return null;
    }
  };

  const changeLanguage = async (language: Locale): Promise<void> => {
    if (await save({ language })) await i18n.changeLanguage(language);
  };

  const pickAnd = async (purpose: FilePurpose, then: (handle: string) => Promise<unknown>): Promise<void> => {
    try {
      const picked = await callApi(client, 'files.pick', { purpose });
      const file = picked.files[0];
      if (!file) return;
      await then(file.handle);
      setMessage({ severity: 'success', text: t('ui.settings.saved') });
    } catch (caught) {
      setMessage({ severity: 'error', text: errorText(caught, t) });
    }
  };

  const data = settings.data;
  return (
    <Stack spacing={2} sx={{ maxWidth: 760 }}>
      <Typography variant="h5" component="h1">
        {t('ui.nav.settings')}
      </Typography>
      {message && <Alert severity={message.severity}>{message.text}</Alert>}
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={2}>
            <FormControl>
              <InputLabel id="settings-language">{t('ui.settings.language')}</InputLabel>
              <Select labelId="settings-language" label={t('ui.settings.language')} value={data?.language ?? i18n.language} onChange={(event) => void changeLanguage(event.target.value as Locale)}>
                {LOCALES.map((locale) => (
                  <MenuItem key={locale} value={locale}>
                    {t(`ui.settings.locale.${locale}`)}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField
                label={t('ui.settings.curator')}
                helperText={t('ui.settings.curatorHelp')}
                value={curator}
                onChange={(event) => setCurator(event.target.value)}
                sx={{ flex: 1 }}
              />
              <Button variant="outlined" onClick={() => void save({ curatorName: curator.trim() === '' ? null : curator.trim() })}>
                {t('ui.common.save')}
              </Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="subtitle1">{t('ui.settings.database')}</Typography>
            <Typography variant="body2" data-testid="settings-db-path">
              {info?.dbPath}
            </Typography>
            <Stack direction="row" spacing={1}>
              <Button variant="outlined" disabled={!electron} onClick={() => void pickAnd('database', (handle) => callApi(client, 'db.open', { handle }).then(onDatabaseChanged))}>
                {t('ui.settings.openDatabase')}
              </Button>
              <Button variant="outlined" disabled={!electron} onClick={() => void pickAnd('databaseNew', (handle) => callApi(client, 'db.create', { handle }).then(onDatabaseChanged))}>
                {t('ui.settings.newDatabase')}
              </Button>
            </Stack>
            {!electron && <Typography variant="caption">{t('ui.settings.desktopOnly')}</Typography>}
          </Stack>
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Stack spacing={2}>
            <Typography variant="subtitle1">{t('ui.settings.models')}</Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="body2" sx={{ flex: 1 }}>
                {t('ui.settings.modelFolder')}: {data?.modelFolder ?? t('ui.settings.defaultFolder')}
              </Typography>
              <Button variant="outlined" disabled={!electron} onClick={() => void pickAnd('modelFolder', (handle) => save({ modelFolder: handle }))}>
                {t('ui.settings.chooseFolder')}
              </Button>
              <Button disabled={data?.modelFolder == null} onClick={() => void save({ modelFolder: null })}>
                {t('ui.settings.useDefault')}
              </Button>
            </Stack>
            <FormControl>
              <InputLabel id="settings-ep">{t('ui.settings.executionProvider')}</InputLabel>
              <Select labelId="settings-ep" label={t('ui.settings.executionProvider')} value={data?.executionProvider ?? 'auto'} onChange={(event) => void save({ executionProvider: event.target.value as Settings['executionProvider'] })}>
                {EXECUTION_PROVIDERS.map((provider) => (
                  <MenuItem key={provider} value={provider}>
                    {t(`ui.settings.ep.${provider}`)}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <Typography variant="body2">{t('ui.settings.providerInUse', { provider: info?.executionProvider ?? t('ui.common.none') })}</Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
              <TextField
                label={t('ui.settings.threads')}
                helperText={t('ui.settings.threadsHelp')}
                value={threads}
                onChange={(event) => setThreads(event.target.value.replace(/\D/g, ''))}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
                sx={{ width: 240 }}
              />
              <Button variant="outlined" onClick={() => void save({ threads: Math.min(256, Number(threads || '0')) })}>
                {t('ui.common.save')}
              </Button>
            </Stack>
          </Stack>
        </CardContent>
      </Card>
      <Typography variant="caption" color="text.secondary">
        {t('ui.settings.version', { version: info?.version ?? '' })}
      </Typography>
    </Stack>
  );
}
