// Number formats of the Models screen, in the person's locale.

/** Formats a score between 0 and 1 with three decimals, so "0,712" in pt-BR and "0.712" in English. */
export function formatScore(value: number | null | undefined, locale: string): string {
  return value == null ? '—' : value.toLocaleString(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
}

export function formatBytes(bytes: number | null | undefined, locale: string): string {
  if (bytes == null) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: 1 })} ${units[unit]}`;
}

export function formatSeconds(seconds: number | null | undefined, locale: string): string {
  if (seconds == null) return '—';
  return `${seconds.toLocaleString(locale, { maximumFractionDigits: seconds < 10 ? 1 : 0 })} s`;
}

export function formatEnergy(kwh: number | null | undefined, locale: string): string {
  if (kwh == null) return '—';
  return kwh < 0.01 ? `${(kwh * 1000).toLocaleString(locale, { maximumFractionDigits: 2 })} Wh` : `${kwh.toLocaleString(locale, { maximumFractionDigits: 3 })} kWh`;
}
