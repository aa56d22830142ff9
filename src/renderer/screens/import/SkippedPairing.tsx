// Warning for an import whose pairing by state was skipped because it would have created more
// pairs than the limit, with a button that runs the pairing with the limit raised to that count.

import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { callApi, errorText, useApi } from '../../app/ApiContext';
import { JobProgress } from '../../components/JobProgress';
import { useJob } from '../../hooks/useJob';

export interface SkippedPairingProps {
  /** Pairs the import's pairing would have created. */
  wouldCreate: number;
  limit: number;
  nationalThemes: number;
}

export function SkippedPairing({ wouldCreate, limit, nationalThemes }: SkippedPairingProps) {
  const { t, i18n } = useTranslation();
  const client = useApi();
  const [jobId, setJobId] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const job = useJob(jobId);
  const format = (value: number): string => value.toLocaleString(i18n.language);

  const startPairing = async (): Promise<void> => {
    setStarting(true);
    setError(null);
    try {
      // NOTE: the pairing covers the whole corpus, so unpaired rows of other imports count too. When
      // they push the count over `wouldCreate`, the job fails with pairing_too_many and the new count.
      const run = await callApi(client, 'corpus.pair', { maxNewPairs: wouldCreate });
      setJobId(run.jobId);
    } catch (caught) {
      setError(errorText(caught, t));
      setStarting(false);
    }
  };

  const final = job.final;
  const created = final?.state === 'done' ? Number(final.result?.pairsCreated) : null;
  if (created != null) {
    // Once the pairs exist the warning no longer applies, so only the outcome stays.
    return (
      <Alert severity="success" data-testid="pairing-done">
        {t('ui.import.pairsCreated', { count: created, formatted: format(created) })}
      </Alert>
    );
  }
  return (
    <Alert severity="warning" data-testid="pairing-skipped">
      <Stack spacing={1}>
        <span>{t('ui.import.pairingSkipped', { wouldCreate: format(wouldCreate), limit: format(limit), nationalThemes: format(nationalThemes) })}</span>
        {jobId == null && (
          <div>
            <Button variant="outlined" color="warning" disabled={starting} onClick={() => void startPairing()}>
              {t('ui.import.pairAnyway', { count: wouldCreate, formatted: format(wouldCreate) })}
            </Button>
          </div>
        )}
        {jobId != null && final == null && <JobProgress job={job} label={t('ui.import.pairing')} />}
        {final?.state === 'failed' && <Alert severity="error">{final.error?.message ?? t('ui.common.failed')}</Alert>}
        {final?.state === 'cancelled' && <Alert severity="warning">{t('error.cancelled')}</Alert>}
        {error && <Alert severity="error">{error}</Alert>}
      </Stack>
    </Alert>
  );
}
