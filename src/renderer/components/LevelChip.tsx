// A level shown the same way everywhere: its Portuguese name on the level's colour.

import Chip from '@mui/material/Chip';
import { useTranslation } from 'react-i18next';

import type { Level } from '../../shared/levels';
import { LEVEL_COLOURS } from '../app/theme';

export function LevelChip({ level, size = 'small' }: { level: Level | null; size?: 'small' | 'medium' }) {
  const { t } = useTranslation();
  if (!level) return <Chip size={size} variant="outlined" label={t('ui.level.none')} />;
  return <Chip size={size} label={t(`level.${level}`)} sx={{ bgcolor: LEVEL_COLOURS[level], color: '#fff', fontWeight: 600 }} />;
}
