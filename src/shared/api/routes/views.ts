// Routes of saved views: named filters, sort and visible columns of the Pairs screen.

import { z } from 'zod';

import { pairFilterSchema, pairSortSchema, type PairFilter, type PairSort } from '../../filters';
import { idSchema, noInput } from '../common';
import { defineRoute } from '../define';

export interface SavedView {
  id: number;
  name: string;
  filter: PairFilter;
  sort: PairSort;
  /** Visible columns in display order (keys of PairRow). */
  columns: string[];
  createdAt: string;
  updatedAt: string;
}

export const savedViewInputSchema = z
  .object({
    /** Replace the view with this id; left out, a new view is created (or the one with this name replaced). */
    id: idSchema.optional(),
    name: z.string().trim().min(1).max(120),
    filter: pairFilterSchema.default({}),
    sort: pairSortSchema.default({ key: 'pair', direction: 'asc' }),
    columns: z.array(z.string().min(1).max(64)).max(64).default([]),
  })
  .strict();

export const viewsRoutes = {
  'views.list': defineRoute<SavedView[]>()(noInput),
  'views.save': defineRoute<SavedView>()(savedViewInputSchema),
  'views.delete': defineRoute<{ deleted: boolean }>()(z.object({ id: idSchema }).strict()),
} as const;
