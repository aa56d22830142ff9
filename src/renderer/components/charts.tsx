// Charts drawn as plain SVG (no chart library, so nothing is fetched and the bundle stays small):
// a confusion matrix and horizontal bars for per-level and per-theme F1.

import { useTranslation } from 'react-i18next';

import { LEVELS } from '../../shared/levels';

/** Rows are true levels and columns predicted levels, in the order BAIXA, MÉDIA, ALTA. */
export function ConfusionMatrix({ matrix, title }: { matrix: number[][]; title: string }) {
  const { t } = useTranslation();
  const cell = 64;
  const margin = 80;
  const max = Math.max(1, ...matrix.flat());
  const size = margin + cell * LEVELS.length;
  return (
    <svg width={size + 10} height={size + 30} role="img" aria-label={title} data-testid="confusion-matrix">
      <text x={margin + (cell * LEVELS.length) / 2} y={14} textAnchor="middle" fontSize={12}>
        {t('ui.models.predicted')}
      </text>
      <text x={12} y={margin + (cell * LEVELS.length) / 2} fontSize={12} transform={`rotate(-90 12 ${margin + (cell * LEVELS.length) / 2})`} textAnchor="middle">
        {t('ui.models.actual')}
      </text>
      {LEVELS.map((level, i) => (
        <g key={level}>
          <text x={margin + cell * i + cell / 2} y={margin - 8} textAnchor="middle" fontSize={12}>
            {t(`level.${level}`)}
          </text>
          <text x={margin - 8} y={margin + cell * i + cell / 2 + 4} textAnchor="end" fontSize={12}>
            {t(`level.${level}`)}
          </text>
        </g>
      ))}
      {matrix.map((row, i) =>
        row.map((value, j) => {
          const strength = value / max;
          return (
            <g key={`${i}-${j}`}>
              <rect x={margin + cell * j} y={margin + cell * i} width={cell - 2} height={cell - 2} fill={`rgba(21, 101, 192, ${0.08 + 0.85 * strength})`} rx={3} />
              <text x={margin + cell * j + cell / 2} y={margin + cell * i + cell / 2 + 4} textAnchor="middle" fontSize={13} fill={strength > 0.5 ? '#fff' : '#000'}>
                {value}
              </text>
            </g>
          );
        }),
      )}
    </svg>
  );
}

export interface Bar {
  label: string;
  value: number;
  colour?: string;
  note?: string;
}

/** Horizontal bars for values between 0 and 1. */
export function BarChart({ bars, title, labelWidth = 180 }: { bars: Bar[]; title: string; labelWidth?: number }) {
  const { i18n } = useTranslation();
  const barHeight = 20;
  const gap = 6;
  const width = 280;
  const height = bars.length * (barHeight + gap);
  return (
    <svg width={labelWidth + width + 60} height={Math.max(height, barHeight)} role="img" aria-label={title}>
      {bars.map((bar, i) => {
        const y = i * (barHeight + gap);
        const label = bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label;
        return (
          <g key={`${bar.label}-${i}`}>
            <title>{bar.note ? `${bar.label} (${bar.note})` : bar.label}</title>
            <text x={labelWidth - 6} y={y + barHeight / 2 + 4} textAnchor="end" fontSize={12}>
              {label}
            </text>
            <rect x={labelWidth} y={y} width={width} height={barHeight} fill="#eceff1" rx={3} />
            <rect x={labelWidth} y={y} width={Math.max(0, Math.min(1, bar.value)) * width} height={barHeight} fill={bar.colour ?? '#1565c0'} rx={3} />
            <text x={labelWidth + width + 6} y={y + barHeight / 2 + 4} fontSize={12}>
              {bar.value.toLocaleString(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
