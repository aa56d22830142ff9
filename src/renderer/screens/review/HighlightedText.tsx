// Thesis text with the theme's terms marked.

import Box from '@mui/material/Box';

import { highlight } from './highlight';

export function HighlightedText({ text, terms }: { text: string | null; terms: string[] }) {
  if (!text) return null;
  return (
    <>
      {highlight(text, terms).map((segment, i) =>
        segment.highlighted ? (
          <Box component="mark" key={i} sx={{ bgcolor: '#fff59d', px: 0.25, borderRadius: 0.5 }}>
            {segment.text}
          </Box>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  );
}
