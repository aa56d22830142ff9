// Routes of text encoders: installed ones, the catalogue of downloadable ones, install from a
// folder or archive, download, activation, and the execution providers this machine offers.

import { z } from 'zod';

import { fileHandleSchema, noInput } from '../common';
import { defineRoute } from '../define';
import type { JobStarted } from './jobs';

export interface EncoderSummary {
  id: string;
  name: string;
  /** Embedding width. */
  dimensions: number | null;
  sizeBytes: number | null;
  active: boolean;
  /** Where it came from: a Hugging Face repository id, or 'local'. */
  source: string;
}

export interface CatalogueEntry {
  repoId: string;
  name: string;
  description: string;
  sizeBytes: number | null;
  dimensions: number | null;
  installed: boolean;
}

export interface ExecutionProviderInfo {
  /** onnxruntime's name, such as "cpu", "cuda" or "dml". */
  name: string;
  available: boolean;
  /** The provider the active session runs on. */
  inUse: boolean;
}

export const encoderIdSchema = z.string().min(1).max(200);

export const encodersRoutes = {
  'encoders.list': defineRoute<EncoderSummary[]>()(noInput),
  'encoders.catalogue': defineRoute<CatalogueEntry[]>()(noInput),
  /** Installs an encoder from a picked folder or archive (files.pick purpose 'encoder'). */
  'encoders.install': defineRoute<JobStarted>()(z.object({ handle: fileHandleSchema }).strict()),
  /** Downloads a catalogue entry; the only network access of the app, started by the user. */
  'encoders.download': defineRoute<JobStarted>()(
    z
      .object({
        repoId: z
          .string()
          .regex(/^[A-Za-z0-9][\w.-]{0,95}\/[\w.-]{1,96}$/, 'expected a repository id such as "owner/name"'),
      })
      .strict(),
  ),
  /** Makes an installed encoder (or none, with null) the one training and prediction use. */
  'encoders.activate': defineRoute<EncoderSummary | null>()(z.object({ encoderId: encoderIdSchema.nullable() }).strict()),
  'encoders.providers': defineRoute<ExecutionProviderInfo[]>()(noInput),
} as const;
