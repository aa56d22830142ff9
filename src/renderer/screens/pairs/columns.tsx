// Columns the Pairs table can show: the key in PairRow, the width in pixels, the sort key when the
// column sorts, and how a cell renders.

import type { ReactNode } from 'react';

import type { PairRow, PairSortKey } from '../../../shared/filters';
import type { Level } from '../../../shared/levels';
import { LEVEL_COLOURS } from '../../app/theme';

export interface PairColumn {
  key: string;
  width: number;
  sortKey?: PairSortKey;
  render(row: PairRow, t: (key: string) => string): ReactNode;
}

/** Renders a level as a plain coloured badge, which costs less than a Chip in a scrolling table. */
function levelBadge(level: Level | null, t: (key: string) => string): ReactNode {
  if (!level) return '—';
  return (
    <span style={{ background: LEVEL_COLOURS[level], color: '#fff', borderRadius: 10, padding: '2px 8px', fontSize: 12, fontWeight: 600 }}>
      {t(`level.${level}`)}
    </span>
  );
}

function confidence(row: PairRow): number | null {
  if (row.pBaixa == null || row.pMedia == null || row.pAlta == null) return null;
  return Math.max(row.pBaixa, row.pMedia, row.pAlta);
}

export const PAIR_COLUMNS: PairColumn[] = [
  { key: 'pairId', width: 80, sortKey: 'pair', render: (row) => row.pairId },
  { key: 'title', width: 420, sortKey: 'title', render: (row) => row.title },
  { key: 'themeName', width: 280, sortKey: 'theme', render: (row) => row.themeName },
  { key: 'level', width: 110, sortKey: 'level', render: (row, t) => (row.level ? levelBadge(row.level, t) : t('ui.level.none')) },
  { key: 'origin', width: 140, render: (row, t) => t(`ui.origin.${row.origin}`) },
  { key: 'predictedLevel', width: 110, sortKey: 'predictedLevel', render: (row, t) => levelBadge(row.predictedLevel, t) },
  {
    key: 'confidence',
    width: 100,
    sortKey: 'confidence',
    render: (row) => {
      const value = confidence(row);
      return value == null ? '—' : `${(value * 100).toFixed(0)}%`;
    },
  },
  { key: 'uf', width: 60, sortKey: 'uf', render: (row) => row.uf ?? '—' },
  { key: 'year', width: 70, sortKey: 'year', render: (row) => row.year ?? '—' },
  { key: 'institutionAcronym', width: 110, render: (row) => row.institutionAcronym ?? row.institution ?? '—' },
  { key: 'programme', width: 220, render: (row) => row.programme ?? '—' },
  { key: 'area', width: 180, render: (row) => row.area ?? '—' },
  { key: 'macroTheme', width: 180, render: (row) => row.macroTheme ?? '—' },
  { key: 'degree', width: 140, render: (row) => row.degree ?? '—' },
  { key: 'keywords', width: 260, render: (row) => row.keywords ?? '—' },
];

export const DEFAULT_COLUMNS = ['pairId', 'title', 'themeName', 'level', 'origin', 'predictedLevel', 'confidence', 'uf', 'year'];
