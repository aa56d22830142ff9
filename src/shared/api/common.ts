// Schemas and shapes several route groups share: ids, file handles and the empty input.

import { z } from 'zod';

/** Input of routes that take no arguments. */
export const noInput = z.object({}).strict().default({});

export const idSchema = z.number().int().positive();

/**
 * An opaque reference to a file the user picked in a dialog, dropped on the window or uploaded to
 * the web host. The renderer never sends a raw path: main resolves handles it issued itself.
 */
export const fileHandleSchema = z
  .string()
  .regex(/^fh_[A-Za-z0-9_-]{16,64}$/, 'expected a file handle returned by files.pick, a drop or an upload');

export interface FileHandleInfo {
  handle: string;
  /** File name without its folder, for display. */
  name: string;
  /** Size in bytes; null for a folder or a file still to be created (a save dialog). */
  size: number | null;
  kind: 'file' | 'folder' | 'new-file';
}
