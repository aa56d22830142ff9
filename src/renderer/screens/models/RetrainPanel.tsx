// The one "Retreinar" button and the state of the job it started. While a job is queued or running,
// the button does not start another. It brings the running job into view, because people click
// "train" again when they cannot see that a job is running.

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import CancelIcon from '@mui/icons-material/Cancel';
import ModelTrainingIcon from '@mui/icons-material/ModelTraining';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { formatDuration, isRetrainActive, type RetrainState } from './retrainState';

export interface RetrainPanelProps {
  state: RetrainState;
  onRetrain(): void;
  onCancel(): void;
}

/**
 * Training figures shown under the progress bar, in this order. The worker also sends the phase's
 * counts and `etaSeconds`, which the lines above already show, so only these names are listed.
 */
const TRAINING_FIGURES = ['epoch', 'loss', 'validationMacroF1'] as const;

function trainingFigures(metrics: Record<string, number>): [(typeof TRAINING_FIGURES)[number], number][] {
  return TRAINING_FIGURES.filter((name) => Number.isFinite(metrics[name])).map((name) => [name, metrics[name]]);
}

function StatusLine({ state }: { state: RetrainState }) {
  const { t, i18n } = useTranslation();
  switch (state.status) {
    case 'idle':
      return null;
    case 'queued':
      return (
        <Stack spacing={1}>
          <Typography>{t('ui.retrain.queued')}</Typography>
          <LinearProgress aria-label={t('ui.retrain.queued')} />
        </Stack>
      );
    case 'training': {
      const percent = state.total ? Math.round((100 * state.done) / state.total) : null;
      return (
        <Stack spacing={1}>
          <Typography>
            {percent == null ? t('ui.retrain.training') : t('ui.retrain.trainingPercent', { percent })}
            {state.total != null && ` · ${t('ui.retrain.steps', { done: state.done, total: state.total })}`}
            {state.etaSeconds != null && ` · ${t('ui.retrain.timeLeft', { time: formatDuration(state.etaSeconds) })}`}
          </Typography>
          <LinearProgress
            variant={percent == null ? 'indeterminate' : 'determinate'}
            value={percent ?? undefined}
            aria-label={t('ui.retrain.training')}
          />
          {state.phase && (
            <Typography variant="body2" data-testid="retrain-phase">
              {t(`ui.retrain.phase.${state.phase}`, { defaultValue: state.phase })}
              {state.phase === 'predict' &&
                state.metrics.toPredict != null &&
                ` · ${t('ui.job.count', { done: (state.metrics.predicted ?? 0).toLocaleString(i18n.language), total: state.metrics.toPredict.toLocaleString(i18n.language) })}`}
            </Typography>
          )}
          {trainingFigures(state.metrics).length > 0 && (
            <Typography variant="body2" color="text.secondary">
              {trainingFigures(state.metrics)
                .map(([name, value]) => {
                  const formatted = Number.isInteger(value) ? value.toLocaleString(i18n.language) : value.toLocaleString(i18n.language, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
                  return `${t(`ui.retrain.figure.${name}`)}: ${formatted}`;
                })
                .join(' · ')}
            </Typography>
          )}
        </Stack>
      );
    }
    case 'evaluating':
      return (
        <Stack spacing={1}>
          <Typography>{t('ui.retrain.evaluating')}</Typography>
          <LinearProgress aria-label={t('ui.retrain.evaluating')} />
        </Stack>
      );
    case 'ready':
      return (
        <Alert severity="success">
          {state.versionName ? t('ui.retrain.readyVersion', { version: state.versionName }) : t('ui.retrain.ready')}
        </Alert>
      );
    case 'cancelled':
      return <Alert severity="warning">{t('ui.retrain.cancelled')}</Alert>;
    case 'failed':
      return (
        <Alert severity="error">
          {t('ui.retrain.failed')}{' '}
          {t(`error.${state.errorCode}`, { defaultValue: state.errorMessage ?? state.errorCode })}
        </Alert>
      );
    default:
      return null;
  }
}

export function RetrainPanel({ state, onRetrain, onCancel }: RetrainPanelProps) {
  const { t } = useTranslation();
  const active = isRetrainActive(state);
  const [showRunning, setShowRunning] = useState(false);
  const jobRef = useRef<HTMLDivElement>(null);

  const click = (): void => {
    if (active) {
      setShowRunning(true);
      jobRef.current?.scrollIntoView?.({ block: 'nearest' });
      jobRef.current?.focus();
      return;
    }
    setShowRunning(false);
    onRetrain();
  };

  return (
    <Card variant="outlined">
      <CardContent>
        <Stack spacing={2}>
          <Stack sx={{ alignItems: 'center' }} direction="row" spacing={2}>
            <Button variant="contained" size="large" startIcon={<ModelTrainingIcon />} onClick={click}>
              {t('ui.retrain.button')}
            </Button>
            {(state.status === 'queued' || state.status === 'training') && (
              <Button variant="outlined" color="error" startIcon={<CancelIcon />} onClick={onCancel}>
                {t('ui.retrain.cancel')}
              </Button>
            )}
          </Stack>
          {active && showRunning && <Alert severity="info">{t('ui.retrain.alreadyRunning')}</Alert>}
          <Box ref={jobRef} tabIndex={-1} role="status" aria-live="polite" data-testid="retrain-status" data-status={state.status}>
            <StatusLine state={state} />
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
}
