// The Review screen: one pair at a time, labelled from the keyboard. Shortcuts: 1/2/3 or B/M/A set
// the level, Enter accepts the prediction, the left and right arrows or K and J move, Ctrl+Z undoes.
// They are ignored while the person types in a text field or works in a menu.

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import CheckIcon from '@mui/icons-material/Check';
import UndoIcon from '@mui/icons-material/Undo';
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

import { LEVELS, type Level } from '../../../shared/levels';
import { LEVEL_COLOURS } from '../../app/theme';
import { LevelChip } from '../../components/LevelChip';
import { isActivatable, useHotkeys } from '../../hooks/useHotkeys';
import { HighlightedText } from './HighlightedText';
import { highlightTerms } from './highlight';
import { QUEUE_MODES, type QueueMode, type ReviewBackend, type ReviewItem } from './types';
import { useReviewSession, type ReviewSession } from './useReviewSession';

/**
 * Error code of a queue that needs predictions before any model exists. Its catalogue message
 * tells command-line users to run `aderencia train`, so the screen points to the Models screen instead.
 */
const NO_MODEL = 'model_no_active_version';

const KEY_LEVELS: Record<string, Level> = { '1': 'BAIXA', '2': 'MEDIA', '3': 'ALTA', b: 'BAIXA', m: 'MEDIA', a: 'ALTA' };

/** Maps a key press to a session action; returns true when the key was used. */
export function handleReviewKey(event: KeyboardEvent, session: ReviewSession): boolean {
  const key = event.key.toLowerCase();
  if ((event.ctrlKey || event.metaKey) && !event.altKey && key === 'z' && !event.shiftKey) {
    void session.undo();
    return true;
  }
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  const level = KEY_LEVELS[key];
  if (level) {
    void session.setLevel(level);
    return true;
  }
  if (key === 'enter') {
    // A focused button keeps its own Enter action, so one press never does two things.
    if (isActivatable(event.target)) return false;
    void session.acceptPrediction();
    return true;
  }
  if (key === 'arrowright' || key === 'j') {
    session.next();
    return true;
  }
  if (key === 'arrowleft' || key === 'k') {
    session.previous();
    return true;
  }
  return false;
}

function Probabilities({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  if (!item.probabilities) return <Typography color="text.secondary">{t('ui.review.noPrediction')}</Typography>;
  return (
    <Stack spacing={0.5}>
      {LEVELS.map((level) => {
        const p = item.probabilities?.[level] ?? 0;
        return (
          <Stack sx={{ alignItems: 'center' }} key={level} direction="row" spacing={1}>
            <Typography sx={{ width: 56 }} variant="body2">
              {t(`level.${level}`)}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={p * 100}
              aria-label={t(`level.${level}`)}
              sx={{ flex: 1, height: 8, borderRadius: 4, '& .MuiLinearProgress-bar': { bgcolor: LEVEL_COLOURS[level] } }}
            />
            <Typography sx={{ width: 48, textAlign: 'right' }} variant="body2">
              {(p * 100).toFixed(0)}%
            </Typography>
          </Stack>
        );
      })}
    </Stack>
  );
}

function ThesisCard({ item, terms }: { item: ReviewItem; terms: string[] }) {
  const { t } = useTranslation();
  const meta = [item.year, item.institution, item.programme].filter(Boolean).join(' · ');
  return (
    <Card variant="outlined" sx={{ flex: 3, minWidth: 0, overflow: 'auto' }}>
      <CardContent>
        <Typography variant="overline">{t('ui.review.thesis')}</Typography>
        <Typography variant="h6" component="h2" data-testid="review-title">
          <HighlightedText text={item.title} terms={terms} />
        </Typography>
        {meta && (
          <Typography variant="body2" color="text.secondary" gutterBottom>
            {meta}
          </Typography>
        )}
        {item.keywords && (
          <Typography variant="body2" sx={{ mb: 1 }}>
            <strong>{t('ui.review.keywords')}: </strong>
            <HighlightedText text={item.keywords} terms={terms} />
          </Typography>
        )}
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', lineHeight: 1.6 }}>
          {item.abstract ? <HighlightedText text={item.abstract} terms={terms} /> : t('ui.review.noAbstract')}
        </Typography>
      </CardContent>
    </Card>
  );
}

function ThemeAndPrediction({ item }: { item: ReviewItem }) {
  const { t } = useTranslation();
  return (
    <Stack spacing={2} sx={{ flex: 2, minWidth: 0 }}>
      <Card variant="outlined">
        <CardContent>
          <Typography variant="overline">{t('ui.review.theme')}</Typography>
          <Typography variant="h6" component="h2" data-testid="review-theme">
            {item.themeName}
          </Typography>
          <Typography variant="body2" color="text.secondary" gutterBottom>
            {[item.themeUf ?? t('ui.theme.national'), item.macroTheme].filter(Boolean).join(' · ')}
          </Typography>
          <Stack sx={{ flexWrap: 'wrap', gap: 0.5 }} direction="row">
            {item.themeKeywords.length === 0 && <Typography variant="body2">{t('ui.review.noThemeKeywords')}</Typography>}
            {item.themeKeywords.map((keyword) => (
              <Chip key={keyword} size="small" label={keyword} />
            ))}
          </Stack>
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="overline">{t('ui.review.prediction')}</Typography>
            <LevelChip level={item.predictedLevel} />
          </Stack>
          <Probabilities item={item} />
          {(item.matchedTerms.length > 0 || item.passage) && (
            <Box sx={{ mt: 1.5 }}>
              <Typography variant="subtitle2">{t('ui.review.justification')}</Typography>
              {item.matchedTerms.length > 0 && (
                <Typography variant="body2">
                  {t('ui.review.matchedTerms')}: {item.matchedTerms.join(', ')}
                </Typography>
              )}
              {item.passage && (
                <Typography variant="body2" sx={{ fontStyle: 'italic', mt: 0.5 }}>
                  “{item.passage}”
                </Typography>
              )}
            </Box>
          )}
        </CardContent>
      </Card>
      <Card variant="outlined">
        <CardContent>
          <Stack sx={{ alignItems: 'center' }} direction="row" spacing={1}>
            <Typography variant="overline">{t('ui.review.currentLevel')}</Typography>
            <LevelChip level={item.level} />
            {item.levelSource && (
              <Typography variant="body2" color="text.secondary">
                ({t(`source.${item.levelSource}`)})
              </Typography>
            )}
          </Stack>
        </CardContent>
      </Card>
    </Stack>
  );
}

/** Keeps a mouse click from leaving focus on a button, where Enter would repeat that button. */
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

function ActionBar({ session }: { session: ReviewSession }) {
  const { t } = useTranslation();
  const item = session.current;
  const shortcut: Record<Level, string> = { BAIXA: '1 / B', MEDIA: '2 / M', ALTA: '3 / A' };
  return (
    <Stack sx={{ alignItems: 'center', flexWrap: 'wrap' }} direction="row" spacing={1} useFlexGap>
      <Button variant="outlined" startIcon={<ArrowBackIcon />} onClick={session.previous} onMouseDown={keepFocus} disabled={session.index === 0}>
        {t('ui.review.previous')} (K)
      </Button>
      {LEVELS.map((level) => (
        <Button
          key={level}
          variant={item?.level === level ? 'contained' : 'outlined'}
          onClick={() => void session.setLevel(level)}
          onMouseDown={keepFocus}
          disabled={!item}
          sx={{ borderColor: LEVEL_COLOURS[level], ...(item?.level === level ? { bgcolor: LEVEL_COLOURS[level] } : { color: 'text.primary' }) }}
        >
          {t(`level.${level}`)} ({shortcut[level]})
        </Button>
      ))}
      <Button variant="contained" startIcon={<CheckIcon />} onClick={() => void session.acceptPrediction()} onMouseDown={keepFocus} disabled={!item?.predictedLevel}>
        {t('ui.review.accept')} (Enter)
      </Button>
      <Button variant="outlined" startIcon={<UndoIcon />} onClick={() => void session.undo()} onMouseDown={keepFocus} disabled={!session.canUndo}>
        {t('ui.review.undo')} (Ctrl+Z)
      </Button>
      <Button variant="outlined" endIcon={<ArrowForwardIcon />} onClick={session.next} onMouseDown={keepFocus} disabled={session.index >= session.pairIds.length - 1}>
        {t('ui.review.next')} (J)
      </Button>
    </Stack>
  );
}

function Counters({ session }: { session: ReviewSession }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack sx={{ alignItems: 'center', flexWrap: 'wrap' }} direction="row" spacing={1} data-testid="review-counters" useFlexGap>
      <Typography variant="body2" data-testid="review-position">
        {t('ui.review.position', { index: (session.pairIds.length === 0 ? 0 : session.index + 1).toLocaleString(i18n.language), total: session.queued.toLocaleString(i18n.language) })}
      </Typography>
      {LEVELS.map((level) => (
        <Chip
          key={level}
          size="small"
          data-testid={`count-${level}`}
          label={`${t(`level.${level}`)}: ${session.counts[level].toLocaleString(i18n.language)}`}
          sx={{ bgcolor: LEVEL_COLOURS[level], color: '#fff' }}
        />
      ))}
      <Chip size="small" variant="outlined" label={`${t('ui.level.none')}: ${session.counts.none.toLocaleString(i18n.language)}`} data-testid="count-none" />
      <Typography variant="body2" color="text.secondary">
        {t('ui.review.labelledThisSession', { count: session.labelledThisSession })}
      </Typography>
    </Stack>
  );
}

export interface ReviewViewProps {
  backend: ReviewBackend;
  initialMode?: QueueMode;
}

export function ReviewView({ backend, initialMode = 'uncertain' }: ReviewViewProps) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<QueueMode>(initialMode);
  const session = useReviewSession(backend, mode);
  const item = session.current;
  const terms = useMemo(
    () => (item ? highlightTerms(item.themeName, item.themeKeywords, item.matchedTerms) : []),
    [item],
  );

  useHotkeys((event) => handleReviewKey(event, session));

  // Focus starts on the screen itself, not on the navigation button that opened it, so the first
  // Enter accepts the prediction instead of activating that button again.
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => rootRef.current?.focus({ preventScroll: true }), []);

  return (
    <Stack ref={rootRef} tabIndex={-1} spacing={2} sx={{ height: '100%', outline: 'none' }} aria-label={t('ui.nav.review')}>
      <Stack sx={{ alignItems: 'center', flexWrap: 'wrap' }} direction="row" spacing={2} useFlexGap>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={mode}
          onChange={(_, value: QueueMode | null) => value && setMode(value)}
          aria-label={t('ui.review.queueMode')}
        >
          {QUEUE_MODES.map((queueMode) => (
            <ToggleButton key={queueMode} value={queueMode}>
              {t(`ui.review.mode.${queueMode}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <FormControlLabel
          control={<Switch checked={session.autoAdvance} onChange={(event) => session.setAutoAdvance(event.target.checked)} />}
          label={t('ui.review.autoAdvance')}
        />
      </Stack>
      <Counters session={session} />
      {session.loading && <LinearProgress aria-label={t('ui.common.loading')} />}
      {session.error === NO_MODEL ? (
        <Alert severity="info">{t('ui.review.noModel')}</Alert>
      ) : (
        session.error && <Alert severity="error">{t(`error.${session.error}`, { defaultValue: t('ui.common.failed') })}</Alert>
      )}
      {session.unpredicted > 0 && (
        <Alert severity="info" data-testid="review-unpredicted">
          {t('ui.review.unpredicted', { count: session.unpredicted, formatted: session.unpredicted.toLocaleString(i18n.language) })}
        </Alert>
      )}
      {!session.loading && !item && session.error !== NO_MODEL && <Alert severity="info">{t('ui.review.emptyQueue')}</Alert>}
      {item && (
        <>
          <ActionBar session={session} />
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ flex: 1, minHeight: 0 }} data-testid="review-pair" data-pair-id={item.pairId}>
            <ThesisCard item={item} terms={terms} />
            <ThemeAndPrediction item={item} />
          </Stack>
          <Typography variant="caption" color="text.secondary">
            {t('ui.review.shortcuts')}
          </Typography>
        </>
      )}
    </Stack>
  );
}
