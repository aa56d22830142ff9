// The MUI theme: bundled Roboto (no web fonts), compact density for long tables, and one colour per
// adherence level used by chips, counters and charts alike.

import { createTheme } from '@mui/material/styles';

import type { Level } from '../../shared/levels';

export const LEVEL_COLOURS: Record<Level, string> = {
  BAIXA: '#9e9e9e',
  MEDIA: '#f9a825',
  ALTA: '#2e7d32',
};

export const appTheme = createTheme({
  palette: {
    mode: 'light',
    primary: { main: '#1565c0' },
    secondary: { main: '#00796b' },
    background: { default: '#f5f6f8' },
  },
  typography: {
    fontFamily: 'Roboto, "Helvetica Neue", Arial, sans-serif',
    fontSize: 14,
  },
  shape: { borderRadius: 6 },
  components: {
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiTextField: { defaultProps: { size: 'small' } },
    MuiFormControl: { defaultProps: { size: 'small' } },
    // A visible focus ring, because every action must be usable from the keyboard alone.
    MuiButtonBase: {
      styleOverrides: {
        root: { '&.Mui-focusVisible': { outline: '2px solid #1565c0', outlineOffset: 2 } },
      },
    },
  },
});
