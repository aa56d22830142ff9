// A job's progress bar with "n of total" and the time left, the same for every kind of job.

import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';

import type { JobView } from '../hooks/useJob';
import { formatDuration } from '../screens/models/retrainState';

export function JobProgress({ job, label }: { job: JobView; label: string }) {
  const { t, i18n } = useTranslation();
  const progress = job.progress;
  const percent = progress?.total ? Math.min(100, Math.round((100 * progress.done) / progress.total)) : null;
  return (
    <Stack spacing={0.5} role="status" aria-live="polite">
      <Typography variant="body2">
        {label}
        {progress && progress.total != null && ` · ${t('ui.job.count', { done: progress.done.toLocaleString(i18n.language), total: progress.total.toLocaleString(i18n.language) })}`}
        {progress?.etaSeconds != null && ` · ${t('ui.retrain.timeLeft', { time: formatDuration(progress.etaSeconds) })}`}
      </Typography>
      <LinearProgress variant={percent == null ? 'indeterminate' : 'determinate'} value={percent ?? undefined} aria-label={label} />
    </Stack>
  );
}
